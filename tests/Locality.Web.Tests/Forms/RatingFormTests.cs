using System.Net;
using Locality.Application.Common.Security;

namespace Locality.Web.Tests.Forms;

public sealed class RatingFormTests(WebFactory web) : IClassFixture<WebFactory>
{
    private static readonly string[] Keys =
        ["engagement", "intentional-self-harm", "unintentional-self-harm", "risk-to-others", "risk-from-others", "stress-and-anxiety", "social-effectiveness", "alcohol-and-drugs", "impulse-control", "housing"];

    [Fact]
    public async Task ARating_MissingAnArea_AndDatedTomorrow_NamesBoth_KeepsWhatWasChosen_AndSavesNothing()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddAsync(worker);
        var tomorrow = DateOnly.FromDateTime(web.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        var fields = Fields(tomorrow, [3, 1, 2, 2, 1, 3, 2, 4, 2, 3]);
        fields.Remove("Steps[housing]");

        var refused = await worker.SubmitAsync($"{person}/ratings/new", fields);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Choose a step for Housing", refused.ErrorSummary);
        Assert.Contains("The date of the rating must be today or in the past", refused.ErrorSummary);
        Assert.Contains("#Steps_housing", refused.ErrorSummaryLinks);
        Assert.Contains("Choose a step for Housing", refused.FieldError("Steps_housing"));
        Assert.NotNull(refused.Document.QuerySelector("input#Steps_alcohol-and-drugs-4[checked]"));
        Assert.Contains("Not rated yet", (await worker.GetAsync(person)).Document.QuerySelector("#latest-ratings")!.TextContent);
    }

    [Fact]
    public async Task ARating_IsTotalledOnTheServer_AndTheTrendPageShowsTheChart_WithTheSameFiguresInATable()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddAsync(worker);
        var today = DateOnly.FromDateTime(web.Clock.GetUtcNow().UtcDateTime);

        var saved = await worker.SubmitAsync($"{person}/ratings/new", Fields(today.AddDays(-90), [3, 1, 2, 2, 1, 3, 2, 4, 2, 3]));
        await worker.SubmitAsync($"{person}/ratings/new", Fields(today, [2, 0, 1, 1, 0, 2, 1, 2, 1, 1]));
        var page = await worker.GetAsync($"{person}/ratings");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var chart = page.Document.QuerySelector("svg#chart-0")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Contains("from 26", chart.QuerySelector("desc")!.TextContent);
        Assert.Contains("to 12", chart.QuerySelector("desc")!.TextContent);
        Assert.Equal(2, chart.QuerySelectorAll("circle").Length);
        Assert.Equal(["26", "12"], page.Document.QuerySelectorAll("#instrument-0-totals tbody tr td:nth-child(2)").Select(c => c.TextContent));
        Assert.Contains("down 14", page.Document.QuerySelector("#instrument-0-summary")!.TextContent);
        Assert.Contains(page.Document.QuerySelectorAll("#instrument-0-domains svg.locality-sparkline"), s => s.GetAttribute("aria-label") == "Housing: 3, then 1, of 4");
        Assert.Equal(10, page.Document.QuerySelectorAll("#instrument-0-domains svg.locality-sparkline").Length);
        Assert.Contains("Improving", page.Document.QuerySelector("main .govuk-tag")!.TextContent);
        Assert.Contains("12", (await worker.GetAsync(person)).Document.QuerySelector("#latest-ratings")!.TextContent);
    }

    private static Dictionary<string, string> Fields(DateOnly on, int[] steps)
    {
        var fields = new Dictionary<string, string>
        {
            ["RatedOn.Day"] = on.Day.ToString(),
            ["RatedOn.Month"] = on.Month.ToString(),
            ["RatedOn.Year"] = on.Year.ToString(),
            ["PersonTookPart"] = "true",
        };
        for (var i = 0; i < Keys.Length; i++)
        {
            fields[$"Steps[{Keys[i]}]"] = steps[i].ToString();
            fields[$"Evidence[{Keys[i]}]"] = $"Talked about {Keys[i]}";
        }

        return fields;
    }

    private static async Task<string> AddAsync(FormClient worker)
    {
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Rita",
            ["FamilyName"] = "Rated" + Guid.NewGuid().ToString("N")[..6],
            ["DateOfBirth.Day"] = "4",
            ["DateOfBirth.Month"] = "5",
            ["DateOfBirth.Year"] = "1972",
            ["ConfirmedNew"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        return added.Response.Headers.Location!.ToString();
    }
}
