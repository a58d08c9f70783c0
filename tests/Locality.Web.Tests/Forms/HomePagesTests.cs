using System.Text.RegularExpressions;
using Locality.Application.Common.Security;

namespace Locality.Web.Tests.Forms;

/// <summary>Where each kind of worker starts: a key worker on their day, each person's next step one tap away; a team lead on their team.</summary>
public sealed partial class HomePagesTests(DemoWebFactory web) : IClassFixture<DemoWebFactory>
{
    [Fact]
    public async Task OnMyDay_EachPersonsNextStep_IsOneTapAway_AndSaysWhoItIsFor()
    {
        using var worker = await web.SignedInAsDemoAsync(Roles.KeyWorker);
        var day = await worker.GetAsync("/");

        // The lists of people (not the steps or ratings due, which lead to the plan and the rating form).
        var rows = day.Document.QuerySelectorAll("main table").Where(t => t.QuerySelectorAll("thead th").Any(h => h.TextContent == "Next"))
            .SelectMany(t => t.QuerySelectorAll("tbody tr")).ToList();
        Assert.NotEmpty(rows);
        var quiet = 0;
        foreach (var row in rows)
        {
            var name = row.QuerySelector("th a")!;
            var person = PersonLink().Match(name.GetAttribute("href")!).Value;
            var next = row.QuerySelector(".locality-card-table__action a")!;
            var state = row.QuerySelector("td .govuk-tag")!.TextContent.Trim();
            var expected = state.StartsWith("Quiet", StringComparison.Ordinal) ? "/attempt" : "/conversation";
            quiet += expected == "/attempt" ? 1 : 0;
            Assert.Equal(person + expected, next.GetAttribute("href"));
            Assert.EndsWith(": " + name.TextContent.Trim(), next.TextContent.Trim(), StringComparison.Ordinal);
        }

        Assert.True(quiet > 0, "The demo has someone quiet, whose next step is another try to reach them");
    }

    [Fact]
    public async Task ATeamLeadsHome_IsTheTeam_WithWhoHasGoneQuiet_RatingsDue_RepeatDemand_AndTheDemandHeadline()
    {
        using var lead = await web.SignedInAsDemoAsync(Roles.TeamLead);

        var home = await lead.GetAsync("/");
        Assert.Equal("/team", home.Response.Headers.Location?.ToString());
        var team = await lead.GetAsync("/team");
        var main = team.Document.QuerySelector("main")!;
        var navigation = team.Document.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal("Team", navigation[1]);
        Assert.DoesNotContain("My day", navigation);

        // The longest without contact first; the rest behind a details, so the rest of the page is not far down.
        var quiet = main.QuerySelectorAll("table").Where(t => t.QuerySelector("caption")?.TextContent is "The longest without contact" or "The others who have gone quiet").ToList();
        var quietRows = quiet.SelectMany(t => t.QuerySelectorAll("tbody tr")).ToList();
        Assert.Equal(main.QuerySelector("#team-quiet")!.TextContent.Trim(), quietRows.Count.ToString());
        Assert.True(quiet[0].QuerySelectorAll("tbody tr").Length <= 5, "five at most before the details");
        Assert.All(quietRows, row => Assert.NotNull(row.QuerySelector("[data-label='Lead key worker']")));

        var perWorker = main.QuerySelectorAll("#team-workers [data-label='Ratings due']").Sum(c => int.Parse(c.TextContent));
        Assert.Equal(int.Parse(main.QuerySelector("#team-ratings-due")!.TextContent), perWorker);

        var repeats = await lead.GetAsync("/team/repeat-demand");
        Assert.Equal(repeats.Document.QuerySelectorAll("main section").Length.ToString(), main.QuerySelector("#team-repeats")!.TextContent.Trim());
        Assert.Contains("events from", main.QuerySelector("#demand-headline")!.TextContent, StringComparison.Ordinal);

        // The demand links sit under the demand heading, before the next section.
        var demand = main.QuerySelector("#demand")!;
        foreach (var href in new[] { "/team/demand", "/team/repeat-demand", "/demand/imports" })
        {
            var link = main.QuerySelector($"a[href='{href}']")!;
            Assert.True(demand.CompareDocumentPosition(link).HasFlag(AngleSharp.Dom.DocumentPositions.Following), $"{href} comes after the demand heading");
            Assert.True(link.CompareDocumentPosition(main.QuerySelector("#team-workers")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following), $"{href} comes before the next section");
        }
    }

    [Fact]
    public async Task TheDemandPagesExport_IsASecondaryButton()
    {
        using var lead = await web.SignedInAsDemoAsync(Roles.TeamLead);
        var demand = await lead.GetAsync("/team/demand");

        var export = demand.Document.QuerySelector("main a[href^='/team/demand/export']")!;
        Assert.Contains("govuk-button--secondary", export.ClassList);
        Assert.Equal("button", export.GetAttribute("role"));
    }

    [GeneratedRegex("^/people/[0-9a-f-]{36}")]
    private static partial Regex PersonLink();
}
