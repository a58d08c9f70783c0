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
        var signedIn = await client.SubmitAsync("/sign-in", new() { ["Email"] = demo.Email, ["Password"] = DemoLocality.Password });
        Assert.Equal("/", signedIn.Response.Headers.Location?.ToString());
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

    /// <summary>A link with its ids and query values taken out, so only a few pages of each kind are read.</summary>
    private static string Shape(string link) =>
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
