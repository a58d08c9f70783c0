using System.Net;
using AngleSharp.Html.Dom;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;

namespace Locality.Web.Tests.Forms;

public sealed class PeopleFormTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task AddingAPerson_WithABadNhsNumberAndAnImpossibleDate_NamesBothProblems()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);

        var bad = await worker.SubmitAsync("/people/new", Person("Ada", "Unique" + Tag(), nhs: "943 476 5918"));
        var impossible = await worker.SubmitAsync("/people/new", Person("Ada", "Unique" + Tag(), day: "31", month: "2"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("not a valid NHS number", bad.FieldError("NhsNumber"));
        Assert.Contains("#NhsNumber", bad.ErrorSummaryLinks);
        Assert.Equal("943 476 5918", bad.Document.QuerySelector<IHtmlInputElement>("#NhsNumber")!.Value);
        Assert.Equal(["Date of birth must be a real date"], impossible.ErrorSummary);
        Assert.Equal(["#DateOfBirth"], impossible.ErrorSummaryLinks);
        Assert.NotNull(impossible.Document.QuerySelector("input#DateOfBirth[name='DateOfBirth.Day']"));
    }

    [Fact]
    public async Task AddingAPerson_ShowsTheirPage_WithSafetyNotesFirst_AndWhatTheyTypedEncoded()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var family = "Ashurst" + Tag();

        var added = await worker.SubmitAsync("/people/new", Person("Kath", family, safety: "Two large dogs: ring from the gate", matters: "<script>alert('hi')</script> my garden"));
        var page = await worker.GetAsync(added.Response.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var main = page.Document.QuerySelector("main")!;
        var warning = main.QuerySelector(".govuk-warning-text")!;
        Assert.Contains("Two large dogs", warning.TextContent);
        Assert.True(main.QuerySelector("h1")!.CompareDocumentPosition(warning).HasFlag(AngleSharp.Dom.DocumentPositions.Following), "the name comes first");
        Assert.True(warning.CompareDocumentPosition(main.QuerySelector("#record-actions")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following), "safety notes come before anything a worker does");
        Assert.True(warning.CompareDocumentPosition(main.QuerySelector("#person-strengths")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following), "safety notes come before what they are good at");
        Assert.Contains("<script>alert('hi')</script> my garden", main.TextContent);
        Assert.Empty(main.QuerySelectorAll("script"));
        Assert.Contains($"Kath {family}", page.Heading);
        Assert.DoesNotContain("close", main.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("discharge", main.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AddingSomeoneWhoMayAlreadyBeKnown_ShowsThemFirst_AndTheWorkerCanSayTheyAreNew()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var family = "Fairclough" + Tag();
        await worker.SubmitAsync("/people/new", Person("Stephen", family));

        var check = await worker.SubmitAsync("/people/new", Person("Steven", family));
        Assert.Equal("Is this someone already known?", check.Heading);
        Assert.Contains($"Stephen {family}", check.Document.QuerySelector("table")!.TextContent);
        Assert.Contains("a similar name, the same date of birth", check.Document.QuerySelector("table")!.TextContent);

        var confirmed = await worker.SubmitAsync(check, "/people/new", new(), "main form[action='/people/new']");
        var page = await worker.GetAsync(confirmed.Response.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Contains($"Steven {family}", page.Heading);
    }

    [Fact]
    public async Task RecordingOnTheTimeline_RefusesAFutureDate_AndAnAmendmentWithoutAReason()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddAsync(worker);
        var tomorrow = DateOnly.FromDateTime(web.Clock.GetUtcNow().UtcDateTime).AddDays(2);

        var future = await worker.SubmitAsync($"{person}/note", new()
        {
            ["Text"] = "From the future",
            ["OccurredOn.Day"] = tomorrow.Day.ToString(),
            ["OccurredOn.Month"] = tomorrow.Month.ToString(),
            ["OccurredOn.Year"] = tomorrow.Year.ToString(),
        });
        await worker.SubmitAsync($"{person}/note", new() { ["Text"] = "Rang the GP surgery" });
        var page = await worker.GetAsync(person);
        var amendLink = page.Document.QuerySelectorAll("a").First(a => a.TextContent.StartsWith("Correct this entry", StringComparison.Ordinal)).GetAttribute("href")!;
        var noReason = await worker.SubmitAsync(amendLink, new() { ["Reason"] = "", ["CorrectedText"] = "Rang the pharmacy" });
        await worker.SubmitAsync(amendLink, new() { ["Reason"] = "Wrong place", ["CorrectedText"] = "Rang the pharmacy" });
        var after = await worker.GetAsync(person);

        Assert.Equal(["The date must be today or in the past"], future.ErrorSummary);
        Assert.Equal(["#OccurredOn"], future.ErrorSummaryLinks);
        Assert.Equal(["Enter why it needs correcting"], noReason.ErrorSummary);
        var entry = after.Document.QuerySelectorAll(".locality-timeline li").First(li => li.TextContent.Contains("Rang the pharmacy"));
        Assert.Contains("Corrected once", entry.TextContent);
        Assert.Contains("Rang the GP surgery", entry.QuerySelector("details")!.TextContent);
        Assert.Contains("Wrong place", entry.QuerySelector("details")!.TextContent);
    }

    [Fact]
    public async Task RestingWithoutADate_AndPassingOnWithoutAReason_AreFieldErrors()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddAsync(worker);

        var rest = await worker.SubmitAsync($"{person}/rest", new() { ["Reason"] = "Wants space" });
        var passOn = await worker.SubmitAsync($"{person}/pass-on", new() { ["ToService"] = "Housing options", ["Reason"] = "" });
        var check = await worker.SubmitAsync($"{person}/pass-on", new() { ["ToService"] = "Housing options", ["Reason"] = "Facing eviction" });
        var confirmed = await worker.PressAsync(check, "Record the hand-off");
        var again = await worker.GetAsync($"{person}/pass-on");

        Assert.True(rest.Status == HttpStatusCode.BadRequest, $"{rest.Status} {rest.Heading} {rest.Document.QuerySelector("main")?.TextContent}");
        Assert.Equal(["Enter the date to check back with them"], rest.ErrorSummary);
        Assert.Equal(["#CheckBackOn"], rest.ErrorSummaryLinks);
        Assert.Equal(["Enter why they are being passed on"], passOn.ErrorSummary);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Contains("passed on once so far", again.Document.QuerySelector(".govuk-inset-text")!.TextContent);
    }

    [Fact]
    public async Task FindingAPerson_ByNameWithATypo_ShowsEnoughToTellPeopleApart()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var family = "Heyes" + Tag();
        await worker.SubmitAsync("/people/new", Person("Deborah", family, preferred: "Debbie", postcode: "wn2 3ab"));

        var results = await worker.GetAsync($"/people?Name=Debbie+{family[..^1]}x");

        var row = results.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(family));
        Assert.Contains($"Debbie {family}", row.TextContent);
        Assert.Contains("WN2 3AB", row.TextContent);
        Assert.Contains("1 March 1980", row.TextContent);
        Assert.DoesNotContain("07700", row.TextContent);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.PartnerViewer)]
    public async Task PeoplesRecords_AreNotOpenToAdministratorsOrPartnerViewers(string role)
    {
        using var client = await web.SignedInClientAsync(role, AgencyKind.Police);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/people")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/people/new")).Status);
    }

    [Fact]
    public async Task ANotePostedWithoutTheAntiForgeryToken_IsRefused()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddAsync(worker);

        var forged = await worker.PostAsync($"{person}/note", [new("Text", "Forged")]);
        var page = await worker.GetAsync(person);

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.DoesNotContain("Forged", page.Document.QuerySelector("main")!.TextContent);
    }

    private static Dictionary<string, string> Person(
        string given, string family, string? nhs = null, string day = "1", string month = "3", string? preferred = null,
        string? safety = null, string? matters = null, string postcode = "WN1 1XX") => new()
        {
            ["GivenName"] = given,
            ["FamilyName"] = family,
            ["PreferredName"] = preferred ?? string.Empty,
            ["DateOfBirth.Day"] = day,
            ["DateOfBirth.Month"] = month,
            ["DateOfBirth.Year"] = "1980",
            ["NhsNumber"] = nhs ?? string.Empty,
            ["Postcode"] = postcode,
            ["Phone"] = "07700 900982",
            ["SafetyNotes"] = safety ?? string.Empty,
            ["WhatMattersToMe"] = matters ?? string.Empty,
        };

    private static async Task<string> AddAsync(FormClient worker)
    {
        var fields = Person("Pat", "Someone" + Tag());
        fields["ConfirmedNew"] = "true";
        var added = await worker.SubmitAsync("/people/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        return added.Response.Headers.Location!.ToString();
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];
}
