using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Locality.Web.Tests.Browser;

/// <summary>
/// One person's way through the service in the browser. Each step that lands on a page checks that page with
/// axe-core, so a journey fails on the first WCAG 2.2 A/AA violation, and on any script refused by the
/// content security policy or any part of a page that fails to load. With JavaScript turned off in the journey's
/// page, axe runs in a separate checking page given the same markup (without its scripts), so the check sees
/// exactly what a person without JavaScript gets.
/// </summary>
public sealed partial class Journey(IPage page, BrowserFixture browser, IPage? checker) : IAsyncDisposable
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
    private readonly List<string> pageErrors = Subscribe(page);

    public IPage Page => page;

    public List<string> CheckedPages { get; } = [];

    public async Task GotoAsync(string path)
    {
        await page.GotoAsync(path);
        await CheckPageAsync();
    }

    /// <summary>Clicks a link or button by its visible name, waits for the page it leads to, and checks that page.</summary>
    public async Task ClickAsync(string name, AriaRole role = AriaRole.Link)
    {
        var target = page.GetByRole(role, new() { Name = name, Exact = true }).First;
        await target.WaitForAsync();
        await ClickAndWaitForNextPageAsync(target);
    }

    /// <summary>
    /// Clicks something that loads a new page (a link, or a form that redirects or answers with the form again) and
    /// waits for that page to load before checking it. Waiting for the URL would not do: a form shown again with its
    /// errors keeps the same URL. Playwright marks this navigation wait obsolete in favour of URL waits, hence the pragma.
    /// </summary>
    public async Task ClickAndWaitForNextPageAsync(ILocator target)
    {
#pragma warning disable CS0612
        await page.RunAndWaitForNavigationAsync(() => target.ClickAsync(), new() { WaitUntil = WaitUntilState.Load });
#pragma warning restore CS0612
        await CheckPageAsync();
    }

    public Task FillAsync(string label, string value) => page.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    /// <summary>
    /// Signs in as a person does: the email address, then the password the same page asks for, then the code their
    /// authenticator app shows (computed from the account's key on the host's clock). Stops where the service stops them.
    /// </summary>
    public async Task SignInAsync(string email, string password)
    {
        await GotoAsync("/sign-in");
        await SignInHereAsync(email, password);
    }

    /// <summary>The same, from the sign-in page already open (after being sent there).</summary>
    public async Task SignInHereAsync(string email, string password)
    {
        await FillAsync("Email address", email);
        await ClickAsync("Continue", AriaRole.Button);
        await FillAsync("Password", password);
        await ClickAsync("Continue", AriaRole.Button);
        if (new Uri(page.Url).AbsolutePath == "/sign-in/second-factor")
        {
            await FillAsync("Code", await browser.Web.NextCodeAsync(email));
            await ClickAsync("Sign in", AriaRole.Button);
        }
    }

    public async Task CheckPageAsync()
    {
        CheckedPages.Add(new Uri(page.Url).PathAndQuery);
        Assert.True(pageErrors.Count == 0, $"Page errors on {page.Url}: {string.Join("; ", pageErrors)}");
        var target = page;
        if (checker is not null)
        {
            var markup = ScriptTags().Replace(await page.ContentAsync(), string.Empty);
            await checker.GotoAsync(new Uri(page.Url).PathAndQuery == "/accessibility" ? "/sign-in" : "/accessibility");
            await checker.SetContentAsync(markup);
            target = checker;
        }

        // A page that refreshes itself (an import's progress, every 3 seconds) may reload while it is being checked:
        // it is the same page again, so it is checked as it loaded the next time (up to three times).
        IReadOnlyList<string>? violations = null;
        for (var attempt = 1; violations is null; attempt++)
        {
            try
            {
                violations = await AccessibilityProblemsAsync(target, browser.AxeSource);
            }
            catch (PlaywrightException ex) when (attempt < 3 && target == page && ex.Message.Contains("Execution context was destroyed", StringComparison.Ordinal))
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }

        Assert.True(violations.Count == 0, $"Accessibility problems on {page.Url}:\n{string.Join("\n", violations)}");
    }

    /// <summary>
    /// What axe-core finds wrong on the page as it is now, against WCAG 2.2 A and AA; none when the list is empty.
    /// The source is put into the page first, unless it is already there (null).
    /// </summary>
    public static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(IPage target, string? axeSource)
    {
        if (axeSource is not null)
        {
            await target.EvaluateAsync(axeSource);
        }

        var result = await target.EvaluateAsync<JsonElement>(
            "tags => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })", WcagTags);
        return BrowserFixture.DescribeViolations(result);
    }

    public async ValueTask DisposeAsync()
    {
        await page.Context.DisposeAsync();
        if (checker is not null)
        {
            await checker.Context.DisposeAsync();
        }
    }

    [GeneratedRegex("<script\\b[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTags();

    private static List<string> Subscribe(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            // A page answered with 4xx (a form shown again with its errors) is reported to the console too;
            // failed parts of pages are caught below, with their addresses.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                errors.Add($"{response.Status} for {response.Url}");
            }
        };
        page.RequestFailed += (_, request) => errors.Add($"{request.Failure} for {request.Url}");
        return errors;
    }
}
