using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Locality.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Locality.Web.Tests.Forms;

/// <summary>The web host over the demo locality, seeded once for the class.</summary>
public sealed class DemoWebFactory : WebFactory, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async Task<FormClient> SignedInAsDemoAsync(string role)
    {
        var demo = DemoLocality.SignIns.Single(s => s.Role == role);
        var client = NewClient();
        await SignInAsync(client, demo.Email, DemoLocality.Password);
        return client;
    }
}

/// <summary>
/// Every page of the demo each kind of user can reach by following links, read as they would read it: no server
/// error, and no code identifier (an enum's name, a type's name, a snake_case key) anywhere in what the page says.
/// </summary>
public sealed partial class DemoCrawlTests(DemoWebFactory web, ITestOutputHelper output) : IClassFixture<DemoWebFactory>
{
    private const int PagesOfOneShape = 6;
    private const int MostPages = 260;
    private static readonly HtmlParser Parser = new();

    [Theory]
    [InlineData(Application.Common.Security.Roles.KeyWorker)]
    [InlineData(Application.Common.Security.Roles.TeamLead)]
    [InlineData(Application.Common.Security.Roles.PartnerViewer)]
    [InlineData(Application.Common.Security.Roles.Admin)]
    public async Task EveryPageTheDemoReaches_ReadsInPlainWords_AndNoneFails(string role)
    {
        using var client = await web.SignedInAsDemoAsync(role);
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var waiting = new Queue<string>(["/"]);
        var visited = 0;
        while (waiting.TryDequeue(out var url) && visited < MostPages)
        {
            visited++;
            var response = await client.Http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                problems.Add($"{url}: {(int)response.StatusCode}");
                continue;
            }

            if (response.Headers.Location is { } location && location.OriginalString.StartsWith('/') && seen.Add(location.OriginalString))
            {
                waiting.Enqueue(location.OriginalString);
            }

            var type = response.Content.Headers.ContentType?.MediaType;
            if (type == "text/csv")
            {
                problems.AddRange(AddressProblems().Matches(body).Select(m => $"{url} (export): \"{m.Value}\""));
                continue;
            }

            if (type != "text/html")
            {
                continue;
            }

            var document = Parser.ParseDocument(body);
            // A file's column names, shown as code for the partner who writes the file, are meant to be exact.
            foreach (var hidden in document.QuerySelectorAll("script, style, template, code").ToList())
            {
                hidden.Remove();
            }

            var words = document.Body?.Descendants<AngleSharp.Dom.IText>().Select(t => t.Data) ?? [];
            var said = string.Join(" ", new[] { document.Title ?? string.Empty }.Concat(words)
                .Concat(document.QuerySelectorAll("[aria-label], [alt], [title]").SelectMany(e => new[] { e.GetAttribute("aria-label"), e.GetAttribute("alt"), e.GetAttribute("title") }))
                .Where(t => !string.IsNullOrEmpty(t)));
            problems.AddRange(IdentifierShaped(said).Select(word => $"{url}: \"{word}\""));

            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                var link = href.Split('#')[0];
                if (link.Length == 0 || link.StartsWith("/jobs", StringComparison.Ordinal) || link.StartsWith("/health", StringComparison.Ordinal) || !seen.Add(link))
                {
                    continue;
                }

                var shape = Shape(link);
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                if (shapes[shape] <= PagesOfOneShape)
                {
                    waiting.Enqueue(link);
                }
            }
        }

        output.WriteLine($"{role}: {visited} pages, {shapes.Count} kinds of page");
        Assert.True(visited > 8, $"The crawl as {role} reached only {visited} pages");
        Assert.True(problems.Count == 0, $"As {role}:\n" + string.Join("\n", problems.Distinct().Take(60)));
    }

    [Fact]
    public async Task ADemoPersonsPlan_SaysWhoNoticedAndWhoTookPartInASentence_AndTheirPrintedPlanIsInTheirWords()
    {
        using var worker = await web.SignedInAsDemoAsync(Application.Common.Security.Roles.KeyWorker);
        var plans = new List<FormClientPage>();
        foreach (var person in await PeopleLedAsync(worker))
        {
            var plan = await worker.GetAsync($"{person}/plan");
            if (plan.Document.QuerySelector("#strengths") is not null)
            {
                plans.Add(new(person, plan, await worker.GetAsync($"{person}/plan/copy"), await worker.GetAsync(person)));
            }
        }

        Assert.NotEmpty(plans);
        foreach (var (person, plan, copy, page) in plans)
        {
            var strengths = plan.Document.QuerySelector("#strengths")!.TextContent;
            Assert.Contains("noticed by them", strengths, StringComparison.Ordinal);
            Assert.Contains("noticed by their neighbour", strengths, StringComparison.Ordinal);
            Assert.DoesNotContain("by They", plan.Document.Body!.TextContent, StringComparison.Ordinal);
            Assert.Contains("with them, their sister and me", plan.Document.QuerySelector("#reviews")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("By them, ", plan.Document.Body!.TextContent, StringComparison.Ordinal);
            var timeline = page.Document.QuerySelector(".locality-timeline")!.TextContent;
            Assert.Contains("Reviewed the plan with them, their sister and me", timeline, StringComparison.Ordinal);
            Assert.DoesNotContain("noticed by They", timeline, StringComparison.Ordinal);
            foreach (var line in copy.Document.QuerySelectorAll("#copy-strengths li").Select(li => li.TextContent))
            {
                Assert.Matches(@"\b(i|i'm|my|me)\b", line.ToLowerInvariant());
                Assert.DoesNotMatch(@"\b(their|they|them)\b", line.ToLowerInvariant());
            }
        }
    }

    [Fact]
    public async Task ADemoPersonsPage_PutsSafetyFirst_ThenWhatTheyAreGoodAt_BeforeRepeatDemand()
    {
        using var lead = await web.SignedInAsDemoAsync(Application.Common.Security.Roles.TeamLead);
        var checkedPages = 0;
        foreach (var person in await PeopleLedAsync(lead, everyone: true))
        {
            var main = (await lead.GetAsync(person)).Document.QuerySelector("main")!;
            var strengths = main.QuerySelector("#person-strengths")!;
            if (main.QuerySelector("#repeat-demand") is { } demand)
            {
                checkedPages++;
                Assert.True(strengths.CompareDocumentPosition(demand).HasFlag(DocumentPositions.Following), $"{person}: strengths come before repeat demand");
                Assert.True(strengths.CompareDocumentPosition(main.QuerySelector("#latest-ratings")!).HasFlag(DocumentPositions.Following), $"{person}: strengths come before ratings");
            }

            if (main.QuerySelector(".locality-safety") is { } safety)
            {
                Assert.True(safety.CompareDocumentPosition(strengths).HasFlag(DocumentPositions.Following), $"{person}: safety notes come first");
            }
        }

        Assert.True(checkedPages > 0, "No demo person has repeat demand to check the order against");
    }

    [Fact]
    public async Task ATeamLead_OpensTheDayOfEveryWorkerWhoLeadsSomeone()
    {
        using var lead = await web.SignedInAsDemoAsync(Application.Common.Security.Roles.TeamLead);
        var team = await lead.GetAsync("/team");
        var workers = team.Document.QuerySelectorAll("a[href^='/team/workers/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();

        var leading = 0;
        foreach (var worker in workers)
        {
            var day = await lead.GetAsync(worker);
            Assert.Equal(HttpStatusCode.OK, day.Status);
            if (day.Document.QuerySelector("#count-people")!.TextContent.Trim() != "0")
            {
                leading++;
                Assert.NotEmpty(day.Document.QuerySelectorAll("main table tbody tr"));
            }
        }

        Assert.True(leading > 0, "No worker in the demo team leads anyone");
    }

    private static async Task<List<string>> PeopleLedAsync(FormClient client, bool everyone = false)
    {
        var links = new List<string>();
        foreach (var day in everyone ? (await client.GetAsync("/team")).Document.QuerySelectorAll("a[href^='/team/workers/']").Select(a => a.GetAttribute("href")!).Distinct().Prepend("/") : ["/"])
        {
            links.AddRange((await client.GetAsync(day)).Document.QuerySelectorAll("main a[href^='/people/']")
                .Select(a => a.GetAttribute("href")!).Where(h => Guid().IsMatch(h) && h.Count(c => c == '/') == 2));
        }

        return links.Distinct().ToList();
    }

    private sealed record FormClientPage(string Person, Page Plan, Page Copy, Page PersonPage);

    [Fact]
    public void TheCheck_FindsEveryKindOfIdentifier_AndLeavesPlainWordsAlone()
    {
        Assert.Equal(
            ["DemandRecorded", "PlanChanged", "System.String", "<>z__ReadOnlyArray", "`1", "failure_type", "REPEAT_CALLOUT", "NotReached"],
            IdentifierShaped("Demand: DemandRecorded. PlanChanged; System.String in <>z__ReadOnlyArray`1[x], failure_type, REPEAT_CALLOUT, NotReached"));
        Assert.Empty(IdentifierShaped(
            "Mary McDonald, 12 Mesnes Street, WN1 1AA. GOV.UK Design System. Works without JavaScript. NHS number 943 476 5919. Chaos Index: 24. Recorded by Locality. DeShawn O'Neill"));
    }

    /// <summary>Words that look like code: PascalCase joined words, a .NET type name, a compiler-made name, backticks, snake_case.</summary>
    private static List<string> IdentifierShaped(string text) =>
        Identifier().Matches(text).Select(m => m.Value).Where(w => !PlainCompound().IsMatch(w)).ToList();

    /// <summary>A link with its ids and query values taken out, so only a few pages of each kind are read (the browser's reflow crawl uses it too).</summary>
    internal static string Shape(string link) =>
        QueryValue().Replace(Guid().Replace(link, "{id}"), "=");

    [GeneratedRegex(@"<>\w*|`\d*|\b(?:System|Microsoft|Locality)\.[A-Z]\w*|\b[A-Za-z][a-z0-9]*(?:_[A-Za-z0-9]+)+\b|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b")]
    private static partial Regex Identifier();

    /// <summary>Names that are joined words in real life: McDonald, MacLeod, DeShawn, JavaScript.</summary>
    [GeneratedRegex(@"^(?:(?:Mc|Mac|De|Le|La|Van|Von|Di|Du)[A-Z][a-z]+|JavaScript)$")]
    private static partial Regex PlainCompound();

    [GeneratedRegex("<>z__|System\\.[A-Z]|`1")]
    private static partial Regex AddressProblems();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex("=[^&]*")]
    private static partial Regex QueryValue();
}
