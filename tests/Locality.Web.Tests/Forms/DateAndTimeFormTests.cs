using System.Net;
using Locality.Application.Common.Security;

namespace Locality.Web.Tests.Forms;

/// <summary>Dates and times typed into forms, the GOV.UK way: every problem at once, the question named, only the wrong box marked.</summary>
public sealed class DateAndTimeFormTests(WebFactory web) : IClassFixture<WebFactory>
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Theory]
    [InlineData("1", "13", "1980", "Date of birth must be a real date", "Month")]
    [InlineData("31", "2", "1980", "Date of birth must be a real date", "Day")]
    [InlineData("1", "3", "80", "Date of birth must include a year with 4 numbers", "Year")]
    [InlineData("", "3", "1980", "Date of birth must include a day", "Day")]
    [InlineData("1", "", "", "Date of birth must include a month and year", "Month,Year")]
    [InlineData("1", "x", "1980", "Date of birth must be a real date", "Month")]
    public async Task ADateOfBirthThatCannotBeRight_NamesTheQuestion_AndMarksAndLinksOnlyTheWrongBoxes(
        string day, string month, string year, string message, string wrong)
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var family = "Dates" + Guid.NewGuid().ToString("N")[..6];

        var page = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Dot",
            ["FamilyName"] = family,
            ["DateOfBirth.Day"] = day,
            ["DateOfBirth.Month"] = month,
            ["DateOfBirth.Year"] = year,
            ["ConfirmedNew"] = "true",
        });
        var search = await worker.GetAsync($"/people?Name={family}");

        var wrongParts = wrong.Split(',');
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal([message], page.ErrorSummary);
        Assert.Equal([$"#{BoxId(wrongParts[0])}"], page.ErrorSummaryLinks);
        Assert.Equal(message, page.FieldError("DateOfBirth"));
        foreach (var part in new[] { "Day", "Month", "Year" })
        {
            var marked = page.Document.QuerySelector($"input#{BoxId(part)}")!.ClassList.Contains("govuk-input--error");
            Assert.True(marked == wrongParts.Contains(part), $"{part} box marked: {marked}");
        }

        Assert.Equal(day, page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input#DateOfBirth")!.Value);
        Assert.Equal("No one found", search.Document.QuerySelector("main h2")?.TextContent.Trim());
    }

    [Fact]
    public async Task ABadDateAndABadTime_AreReportedTogether_EachNamingItsQuestion()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddAsync(worker);

        var page = await worker.SubmitAsync($"{person}/note", new()
        {
            ["Text"] = "Rang the surgery",
            ["OccurredOn.Day"] = "12",
            ["OccurredOn.Month"] = "13",
            ["OccurredOn.Year"] = "2026",
            ["OccurredTime"] = "25:99",
        });
        var after = await worker.GetAsync(person);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(["The date it happened must be a real date", "Enter the time it happened like 14:30 or 2:30pm"], page.ErrorSummary);
        Assert.Equal(["#OccurredOn-month", "#OccurredTime"], page.ErrorSummaryLinks);
        Assert.DoesNotContain("Rang the surgery", after.Document.QuerySelector(".locality-timeline")!.TextContent);
    }

    [Fact]
    public async Task ATimeLaterToday_IsRefused_ButEarlierTodayIsRecorded()
    {
        var ukNow = TimeZoneInfo.ConvertTime(web.Clock.GetUtcNow(), UkTime);
        if (ukNow.Hour is < 2 or >= 22)
        {
            // Leave room either side of now on the same day in the UK.
            web.Clock.Advance(TimeSpan.FromHours(ukNow.Hour >= 22 ? 12 : 10));
            ukNow = TimeZoneInfo.ConvertTime(web.Clock.GetUtcNow(), UkTime);
        }

        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddAsync(worker);
        var later = ukNow.AddHours(1);
        var earlier = ukNow.AddHours(-1);
        Dictionary<string, string> Note(string text, DateTimeOffset at, bool withDate) => new()
        {
            ["Text"] = text,
            ["OccurredOn.Day"] = withDate ? at.Day.ToString() : string.Empty,
            ["OccurredOn.Month"] = withDate ? at.Month.ToString() : string.Empty,
            ["OccurredOn.Year"] = withDate ? at.Year.ToString() : string.Empty,
            ["OccurredTime"] = at.ToString("HH:mm"),
        };

        var laterToday = await worker.SubmitAsync($"{person}/note", Note("Not happened yet", later, withDate: true));
        var laterNoDate = await worker.SubmitAsync($"{person}/note", Note("Not happened yet either", later, withDate: false));
        var earlierToday = await worker.SubmitAsync($"{person}/note", Note("Happened this morning", earlier, withDate: true));
        var timeline = (await worker.GetAsync(person)).Document.QuerySelector(".locality-timeline")!.TextContent;

        Assert.Equal(HttpStatusCode.BadRequest, laterToday.Status);
        Assert.Equal(["The time it happened must be now or earlier: it cannot be later today"], laterToday.ErrorSummary);
        Assert.Equal(["#OccurredTime"], laterToday.ErrorSummaryLinks);
        Assert.Equal(HttpStatusCode.BadRequest, laterNoDate.Status);
        Assert.Equal(HttpStatusCode.Redirect, earlierToday.Status);
        Assert.DoesNotContain("Not happened yet", timeline);
        Assert.Contains("Happened this morning", timeline);
    }

    [Fact]
    public async Task ADateOnAnotherForm_IsNamedForItsQuestionToo()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddAsync(worker);

        var rest = await worker.SubmitAsync($"{person}/rest", new()
        {
            ["Reason"] = "Wants space",
            ["CheckBackOn.Day"] = "30",
            ["CheckBackOn.Month"] = "2",
            ["CheckBackOn.Year"] = "2027",
        });

        Assert.Equal(["The date to check back must be a real date"], rest.ErrorSummary);
        Assert.Equal(["#CheckBackOn"], rest.ErrorSummaryLinks);
    }

    [Fact]
    public async Task SomeoneLastReachedToday_ReadsToday_NotNoughtDaysAgo()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddAsync(worker);
        var saved = await worker.SubmitAsync($"{person}/conversation", new() { ["Method"] = "Visit", ["Text"] = "Cup of tea and a chat" });

        var row = (await worker.GetAsync("/")).Document.QuerySelectorAll("main tbody tr").Single(r => r.QuerySelector($"a[href='{person}']") is not null);

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains("(today)", row.TextContent);
        Assert.DoesNotContain("0 days ago", row.TextContent);
    }

    private static string BoxId(string part) => part == "Day" ? "DateOfBirth" : $"DateOfBirth-{part.ToLowerInvariant()}";

    private static async Task<string> AddAsync(FormClient worker)
    {
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Pat",
            ["FamilyName"] = "Someone" + Guid.NewGuid().ToString("N")[..6],
            ["DateOfBirth.Day"] = "1",
            ["DateOfBirth.Month"] = "3",
            ["DateOfBirth.Year"] = "1980",
            ["ConfirmedNew"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        return added.Response.Headers.Location!.ToString();
    }
}
