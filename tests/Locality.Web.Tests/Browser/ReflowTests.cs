using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Locality.Application.Common.Security;
using Locality.Infrastructure.Seeding;
using Locality.Testing;
using Locality.Web.Tests.Forms;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Locality.Web.Tests.Browser;

/// <summary>Chromium over the demo locality with the long content added, seeded once for the reflow check.</summary>
public sealed class ReflowFixture : BrowserFixture
{
    public ReflowFixture()
        : base(new DemoWebFactory())
    {
    }

    public LongContent Content { get; private set; } = null!;

    protected override async Task PrepareAsync() => Content = await LongContentSeeder.SeedAsync((DemoWebFactory)Web);
}

/// <summary>
/// Every kind of page, as every role, on a phone (320 by 640) and on a desktop (1280 by 900), with the demo's longest
/// real content: nothing may be wider than the screen (so nobody has to scroll sideways, WCAG 1.4.10), and axe-core
/// must find nothing against WCAG 2.2 A and AA, nor anything outside a landmark or an empty table header. Pages are found by following links from the home page, and the GET
/// forms as they stand; a few forms are also sent empty, to check the form shown again with its errors. Every problem
/// on every page is collected before the test fails, each overflow with the widest element that sticks out.
/// </summary>
public sealed partial class ReflowTests(ReflowFixture browser, ITestOutputHelper output) : IClassFixture<ReflowFixture>
{
    private const int PagesOfOneShape = 2;
    private const int MostPagesPerRole = 200;

    private static readonly (int Width, int Height)[] Screens = [(320, 640), (1280, 900)];

    /// <summary>Addresses not checked: the job dashboard (not ours), the health check (not a page), signing out, downloads.</summary>
    private static readonly string[] NotPages = ["/jobs", "/health", "/sign-out", "/team/demand/export"];

    /// <summary>
    /// How wide the page is, and if wider than the window, which elements stick out past its right edge: the outermost
    /// of each (an element whose parent does not stick out too), widest first. Anything inside a box that scrolls or
    /// clips sideways (a table wrapper) does not widen the page, so it is not named.
    /// </summary>
    private const string MeasureScript = """
        () => {
          const width = window.innerWidth;
          const scrollWidth = document.documentElement.scrollWidth;
          const result = { width, scrollWidth, offenders: [] };
          if (scrollWidth <= width) return result;
          const sticksOut = new Set();
          const clips = new Map();
          const contained = el => {
            const p = el.parentElement;
            if (!p || p === document.body || p === document.documentElement) return false;
            if (!clips.has(p)) clips.set(p, getComputedStyle(p).overflowX !== 'visible' || contained(p));
            return clips.get(p);
          };
          // An element's own box, or the text in it: a long unbroken word runs out of a box that itself fits.
          const rightOf = new Map();
          const note = (el, right) => { if (right > width + 0.5 && right > (rightOf.get(el) || 0)) rightOf.set(el, right); };
          for (const el of document.body.querySelectorAll('*')) {
            const box = el.getBoundingClientRect();
            if (box.width > 0 && !contained(el)) note(el, box.right + window.scrollX);
          }
          const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          for (let text = texts.nextNode(); text; text = texts.nextNode()) {
            const el = text.parentElement;
            if (!el || !text.data.trim() || getComputedStyle(el).overflowX !== 'visible' || contained(el)) continue;
            range.selectNodeContents(text);
            const box = range.getBoundingClientRect();
            if (box.width > 0) note(el, box.right + window.scrollX);
          }
          const outermost = [...rightOf.keys()].filter(el => !rightOf.has(el.parentElement));
          outermost.sort((a, b) => rightOf.get(b) - rightOf.get(a));
          result.offenders = outermost.slice(0, 3).map(el => {
            const box = el.getBoundingClientRect();
            return {
              tag: el.tagName.toLowerCase(),
              id: el.id || '',
              classes: typeof el.className === 'string' ? el.className.trim() : '',
              text: (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60),
              right: Math.round(rightOf.get(el)),
              width: Math.round(box.width),
            };
          });
          result.count = outermost.length;
          return result;
        }
        """;

    /// <summary>The GET forms on a page, as their addresses when sent as they stand, and with the first empty box given a long name.</summary>
    private const string GetFormsScript = """
        word => {
          const addresses = [];
          for (const form of document.querySelectorAll('main form')) {
            if ((form.getAttribute('method') || 'get').toLowerCase() !== 'get') continue;
            const address = query => { const url = new URL(form.action, location.href); url.search = query.toString(); return url.pathname + url.search; };
            const asItStands = new URLSearchParams();
            for (const [name, value] of new FormData(form)) if (typeof value === 'string') asItStands.append(name, value);
            addresses.push(address(asItStands));
            const box = [...form.querySelectorAll('input[type=text], input[type=search], input:not([type])')].find(i => i.name && !i.value && !i.name.includes('.') && i.inputMode !== 'numeric');
            if (box) { const filled = new URLSearchParams(asItStands); filled.set(box.name, word); addresses.push(address(filled)); }
          }
          return addresses;
        }
        """;

    private const string HasPostFormScript = "() => [...document.querySelectorAll('main form')].some(f => (f.getAttribute('method') || '').toLowerCase() === 'post')";

    /// <summary>Empties every box and choice of the page's first POST form in main and sends it, so the form comes back with its errors.</summary>
    private const string SendEmptyScript = """
        () => {
          const form = [...document.querySelectorAll('main form')].find(f => (f.getAttribute('method') || '').toLowerCase() === 'post');
          for (const field of form.querySelectorAll('input, textarea, select')) {
            if (field.type === 'hidden' || field.type === 'submit' || field.type === 'button') continue;
            if (field.type === 'checkbox' || field.type === 'radio') field.checked = false;
            else if (field.tagName === 'SELECT') field.selectedIndex = -1;
            else field.value = '';
          }
          form.noValidate = true;
          form.requestSubmit();
        }
        """;

    [Fact]
    public async Task EveryKindOfPage_AsEveryRole_FitsAPhoneAndADesktop_WithLongRealContent_AndPassesAxe()
    {
        var watch = Stopwatch.StartNew();
        var person = browser.Content.PersonPath;
        var screenshots = Path.Combine(RepositoryFiles.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        var shared = person.Replace("/people/", "/shared/", StringComparison.Ordinal);
        var roles = new (string Role, string[] Start, string[] EmptyForms, (string Name, string Path)[] Pictures)[]
        {
            (Roles.KeyWorker, [person],
                ["/people/new", $"{person}/note", $"{person}/plan/strengths/new", $"{person}/ratings/new", $"{person}/demand/new", "/community/new"],
                [("my-day", "/"), ("person", person), ("plan", $"{person}/plan"), ("printable-plan", $"{person}/plan/copy"), ("ratings", $"{person}/ratings")]),
            (Roles.TeamLead, [person], [$"{person}/plan/goals/new"], [("team-home", "/team"), ("demand", "/team/demand")]),
            (Roles.PartnerViewer, [shared], [], []),
            (Roles.Admin, [], ["/admin/agencies/new", "/admin/users/new"], []),
        };

        var crawls = await Task.WhenAll(roles.Select(r => CrawlAsync(r.Role, r.Start, r.EmptyForms, r.Pictures, screenshots)));
        var failures = crawls.SelectMany(c => c.Failures).ToList();
        foreach (var crawl in crawls)
        {
            output.WriteLine($"{crawl.Role}: {crawl.Checked} pages checked at {Screens.Length} sizes, {crawl.Shapes} kinds of page, {crawl.SentEmpty} forms sent empty " +
                             $"(loading {crawl.Loading.TotalSeconds:0} s, measuring {crawl.Measuring.TotalSeconds:0} s, axe {crawl.Axe.TotalSeconds:0} s); " +
                             $"skipped {crawl.Skipped.Distinct().Count()}: {string.Join(", ", crawl.Skipped.Distinct())}");
        }

        var report = Report(failures);
        var reportPath = Path.Combine(RepositoryFiles.Root, "artifacts", "reflow-failures.txt");
        await File.WriteAllTextAsync(reportPath, report);
        output.WriteLine($"Screenshots at 320 px: {screenshots}");
        output.WriteLine($"All problems: {reportPath}");
        output.WriteLine($"Took {watch.Elapsed.TotalSeconds:0} s");

        foreach (var crawl in crawls)
        {
            Assert.True(crawl.Checked > 8, $"As {crawl.Role} the crawl checked only {crawl.Checked} pages");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} problems on {failures.Select(f => f.Shape).Distinct().Count()} kinds of page:\n{report}");
    }

    [Fact]
    public async Task TheMeasure_NamesWhatSticksOut_AndNotWhatScrollsInItsOwnBox()
    {
        await using var journey = await browser.StartAsync(width: 320, height: 640);
        var page = journey.Page;
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><body><main><h1>Fits</h1><p>Short words only.</p></main></body></html>");

        var fits = await MeasureAsync(page);
        await page.EvaluateAsync("""
            () => {
              const main = document.querySelector('main');
              main.insertAdjacentHTML('beforeend', '<div style="overflow-x: auto"><table style="width: 900px"><tr><td>Scrolls in its own box</td></tr></table></div>');
              main.insertAdjacentHTML('beforeend', '<p id="too-wide" class="govuk-body" style="width: 500px">Featherstonehaugh-Cholmondeley</p>');
            }
            """);
        var overflows = await MeasureAsync(page);

        Assert.Equal(320, fits.Width);
        Assert.True(fits.ScrollWidth <= 320, $"A page of short words is {fits.ScrollWidth} px wide on a phone");
        Assert.Empty(fits.Offenders);
        Assert.True(overflows.ScrollWidth > 500, $"The page measured {overflows.ScrollWidth} px with a 500 px paragraph in it");
        var widest = Assert.Single(overflows.Offenders);
        Assert.Equal(("p", "too-wide", "govuk-body", "Featherstonehaugh-Cholmondeley"), (widest.Tag, widest.Id, widest.Classes, widest.Text));
        Assert.Equal(overflows.ScrollWidth, widest.Right);

        // A long unbroken word runs out of a paragraph whose own box fits: the paragraph is named, at the word's edge.
        await page.EvaluateAsync("() => document.getElementById('too-wide').outerHTML = '<p id=\"long-word\">LlanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogochLlanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch</p>'");
        var word = await MeasureAsync(page);
        var paragraph = Assert.Single(word.Offenders);
        Assert.Equal(("p", "long-word"), (paragraph.Tag, paragraph.Id));
        Assert.True(word.ScrollWidth > 320 && paragraph.Right == word.ScrollWidth, $"The word's edge is at {paragraph.Right} px, the page {word.ScrollWidth} px wide");
    }

    private async Task<Crawl> CrawlAsync(string role, string[] start, string[] emptyForms, (string Name, string Path)[] pictures, string screenshots)
    {
        var crawl = new Crawl(role);
        try
        {
            await CrawlAsync(crawl, start, emptyForms, pictures, screenshots);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException)
        {
            crawl.Failures.Add(new("(the crawl)", role, 0, crawl.Current, $"the crawl stopped here: {e.GetType().Name}: {e.Message.Split('\n')[0]}"));
        }

        return crawl;
    }

    private async Task CrawlAsync(Crawl crawl, string[] start, string[] emptyForms, (string Name, string Path)[] pictures, string screenshots)
    {
        var role = crawl.Role;
        await using var journey = await browser.StartAsync(width: Screens[0].Width, height: Screens[0].Height);
        var page = journey.Page;
        var demo = DemoLocality.SignIns.Single(s => s.Role == role);
        if (role == Roles.KeyWorker)
        {
            await page.GotoAsync("/sign-in");
            await CheckAsync(page, crawl, "/sign-in (signed out)");
        }

        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(demo.Email);
        await SendAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync());
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoLocality.Password);
        await SendAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync());
        if (new Uri(page.Url).AbsolutePath == "/sign-in/second-factor")
        {
            if (role == Roles.KeyWorker)
            {
                await CheckAsync(page, crawl, "/sign-in/second-factor");
            }

            await page.GetByLabel("Code", new() { Exact = true }).FillAsync(await browser.Web.NextCodeAsync(demo.Email));
            await SendAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync());
        }

        if (new Uri(page.Url).AbsolutePath.StartsWith("/sign-in", StringComparison.Ordinal))
        {
            crawl.Failures.Add(new("/sign-in", role, 0, "/sign-in", "signing in as the demo's " + role + " failed"));
            return;
        }

        // The long-name person's pages first, so every kind of page about a person is seen with them in it.
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var waiting = new Queue<string>(["/"]);
        foreach (var first in start)
        {
            seen.Add(first);
            shapes[ShapeOf(first)] = 1;
            waiting.Enqueue(first);
        }

        while (waiting.TryDequeue(out var url) && crawl.Checked < MostPagesPerRole)
        {
            IResponse? response;
            crawl.Current = url;
            try
            {
                var loading = Stopwatch.StartNew();
                response = await page.GotoAsync(url);
                crawl.Loading += loading.Elapsed;
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
            {
                crawl.Skipped.Add($"{url} (a download)");
                continue;
            }

            var landed = new Uri(page.Url).PathAndQuery;
            if (IsNotAPage(landed))
            {
                crawl.Skipped.Add(landed);
                continue;
            }

            var shape = ShapeOf(landed);
            if (response is { Status: >= 500 })
            {
                crawl.Failures.Add(new(shape, role, 0, landed, $"answered {response.Status}"));
                continue;
            }

            await CheckAsync(page, crawl, shape);
            var links = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
            var forms = await page.EvaluateAsync<string[]>(GetFormsScript, LongContentSeeder.FamilyName);
            foreach (var href in links.Concat(forms))
            {
                if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                var link = href.Split('#')[0];
                if (link.Length == 0 || !seen.Add(link))
                {
                    continue;
                }

                if (IsNotAPage(link))
                {
                    crawl.Skipped.Add(link);
                    continue;
                }

                var linkShape = ShapeOf(link);
                shapes[linkShape] = shapes.GetValueOrDefault(linkShape) + 1;
                if (shapes[linkShape] <= PagesOfOneShape)
                {
                    waiting.Enqueue(link);
                }
            }
        }

        crawl.Shapes = shapes.Count;
        foreach (var form in emptyForms)
        {
            crawl.Current = form;
            await page.GotoAsync(form);
            var shape = ShapeOf(new Uri(page.Url).PathAndQuery) + " (sent empty, shown again with its errors)";
            if (!await page.EvaluateAsync<bool>(HasPostFormScript))
            {
                crawl.Failures.Add(new(shape, role, 0, form, "has no form to send"));
                continue;
            }

            await SendAsync(page, () => page.EvaluateAsync(SendEmptyScript));

            if (await page.Locator(".govuk-error-summary").CountAsync() == 0)
            {
                crawl.Failures.Add(new(shape, role, 0, form, $"sent empty, did not come back with an error summary (landed on {new Uri(page.Url).PathAndQuery})"));
            }

            await CheckAsync(page, crawl, shape);
            crawl.SentEmpty++;
        }

        foreach (var (name, path) in pictures)
        {
            crawl.Current = path;
            await page.SetViewportSizeAsync(320, 640);
            await page.GotoAsync(path);
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"{name}-320.png"), FullPage = true });
        }

    }

    /// <summary>Sends something that loads a page and waits for it (a form shown again keeps its address, so its load is waited for).</summary>
    private static async Task SendAsync(IPage page, Func<Task> send)
    {
#pragma warning disable CS0612
        await page.RunAndWaitForNavigationAsync(send, new() { WaitUntil = WaitUntilState.Load });
#pragma warning restore CS0612
    }

    /// <summary>The page as it stands, at each size: its width against the window's, and axe.</summary>
    private async Task CheckAsync(IPage page, Crawl crawl, string shape)
    {
        crawl.Checked++;
        var url = new Uri(page.Url).PathAndQuery;
        var axeLoaded = false;
        foreach (var (width, height) in Screens)
        {
            var measuring = Stopwatch.StartNew();
            await page.SetViewportSizeAsync(width, height);
            var measured = await MeasureAsync(page);
            crawl.Measuring += measuring.Elapsed;
            if (measured.Width != width)
            {
                crawl.Failures.Add(new(shape, crawl.Role, width, url, $"the window is {measured.Width} px wide, not {width}: nothing was measured"));
            }
            else if (measured.ScrollWidth > measured.Width)
            {
                var widest = measured.Offenders.Count == 0
                    ? "no single element found past the edge"
                    : string.Join("; then ", measured.Offenders.Select(o => o.ToString()));
                crawl.Failures.Add(new(shape, crawl.Role, width, url, $"scrollWidth {measured.ScrollWidth} > {width} ({measured.Count} elements stick out); widest: {widest}"));
            }

            var checking = Stopwatch.StartNew();
            foreach (var problem in await Journey.AccessibilityProblemsAsync(page, axeLoaded ? null : browser.AxeSource))
            {
                crawl.Failures.Add(new(shape, crawl.Role, width, url, "axe: " + problem));
            }

            axeLoaded = true;
            crawl.Axe += checking.Elapsed;
        }

        // Beyond WCAG's own rules: everything on the page inside a landmark (the account bar too), and no table
        // header left empty. Both hold at any width, so once a page.
        var structure = await page.EvaluateAsync<JsonElement>(
            "() => axe.run(document, { runOnly: { type: 'rule', values: ['region', 'empty-table-header'] }, resultTypes: ['violations'] })");
        foreach (var problem in BrowserFixture.DescribeViolations(structure))
        {
            crawl.Failures.Add(new(shape, crawl.Role, Screens[^1].Width, url, "landmarks and headers: " + problem));
        }
    }

    private static async Task<Measure> MeasureAsync(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>(MeasureScript);
        var offenders = result.GetProperty("offenders").EnumerateArray().Select(o => new Offender(
            o.GetProperty("tag").GetString()!, o.GetProperty("id").GetString()!, o.GetProperty("classes").GetString()!,
            o.GetProperty("text").GetString()!, o.GetProperty("right").GetInt32(), o.GetProperty("width").GetInt32())).ToList();
        return new Measure(result.GetProperty("width").GetInt32(), result.GetProperty("scrollWidth").GetInt32(), offenders,
            result.TryGetProperty("count", out var count) ? count.GetInt32() : 0);
    }

    /// <summary>A page's kind, as the demo crawl sees it, with the codes and years of the cost pages taken out too.</summary>
    private static string ShapeOf(string link) => CostCodes().Replace(DemoCrawlTests.Shape(link), "/$1/{code}");

    [GeneratedRegex("/(types|unit-costs|indices)/(?!new(?:$|[/?]))[^?#]+")]
    private static partial Regex CostCodes();

    private static bool IsNotAPage(string link) =>
        NotPages.Any(n => link == n || link.StartsWith(n + "/", StringComparison.Ordinal) || link.StartsWith(n + "?", StringComparison.Ordinal));

    private static string Report(List<Failure> failures)
    {
        var report = new StringBuilder();
        foreach (var group in failures.GroupBy(f => f.Shape).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            report.AppendLine(group.Key);
            foreach (var failure in group.OrderBy(f => f.Role, StringComparer.Ordinal).ThenBy(f => f.Width).ThenBy(f => f.Url, StringComparer.Ordinal))
            {
                report.AppendLine($"  {failure.Role}{(failure.Width > 0 ? $" at {failure.Width}" : string.Empty)}, {failure.Url}: {failure.Problem}");
            }
        }

        return report.ToString();
    }

    private sealed class Crawl(string role)
    {
        public string Role => role;

        public int Checked { get; set; }

        public int Shapes { get; set; }

        public int SentEmpty { get; set; }

        public List<Failure> Failures { get; } = [];

        public List<string> Skipped { get; } = [];

        public string Current { get; set; } = "/sign-in";

        public TimeSpan Loading { get; set; }

        public TimeSpan Measuring { get; set; }

        public TimeSpan Axe { get; set; }
    }

    private sealed record Failure(string Shape, string Role, int Width, string Url, string Problem);

    private sealed record Measure(int Width, int ScrollWidth, IReadOnlyList<Offender> Offenders, int Count);

    private sealed record Offender(string Tag, string Id, string Classes, string Text, int Right, int Width)
    {
        public override string ToString() =>
            $"<{Tag}{(Id.Length > 0 ? $" id=\"{Id}\"" : string.Empty)}{(Classes.Length > 0 ? $" class=\"{Classes}\"" : string.Empty)}> \"{Text}\" right edge {Right} px ({Width} px wide)";
    }
}
