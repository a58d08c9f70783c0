using System.Net;
using Locality.Application.Common.Security;

namespace Locality.Web.Tests.Forms;

/// <summary>
/// A date that is not real is found as the form is bound, before the application sees the request: the application's
/// own rules must still be checked, so the summary lists every problem at once, and nothing is stored.
/// </summary>
public sealed class BadDateAndOtherErrorsTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task AddingAPerson_WithABadDateOfBirthAndNoGivenName_ReportsBoth_AndAddsNoOne()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var family = "Both" + Guid.NewGuid().ToString("N")[..6];

        var page = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "",
            ["FamilyName"] = family,
            ["DateOfBirth.Day"] = "31",
            ["DateOfBirth.Month"] = "2",
            ["DateOfBirth.Year"] = "1980",
            ["ConfirmedNew"] = "true",
        });
        var search = await worker.GetAsync($"/people?Name={family}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(["Enter their given name", "Date of birth must be a real date"], page.ErrorSummary);
        Assert.Equal(["#GivenName", "#DateOfBirth"], page.ErrorSummaryLinks);
        Assert.Equal("Date of birth must be a real date", page.FieldError("DateOfBirth"));
        Assert.Equal(family, page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#FamilyName")!.Value);
        Assert.Equal("No one found", search.Document.QuerySelector("main h2")?.TextContent.Trim());
    }

    [Fact]
    public async Task ANote_WithABadDateAndNoText_ReportsBoth_AndTheTimelineIsUnchanged()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Pat",
            ["FamilyName"] = "Both" + Guid.NewGuid().ToString("N")[..6],
            ["DateOfBirth.Day"] = "1",
            ["DateOfBirth.Month"] = "3",
            ["DateOfBirth.Year"] = "1980",
            ["ConfirmedNew"] = "true",
        });
        var person = added.Response.Headers.Location!.ToString();
        var before = (await worker.GetAsync(person)).Document.QuerySelector(".locality-timeline")!.TextContent;

        var page = await worker.SubmitAsync($"{person}/note", new()
        {
            ["Text"] = "",
            ["OccurredOn.Day"] = "12",
            ["OccurredOn.Month"] = "13",
            ["OccurredOn.Year"] = "2026",
        });
        var after = (await worker.GetAsync(person)).Document.QuerySelector(".locality-timeline")!.TextContent;

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(["Enter the note", "The date it happened must be a real date"], page.ErrorSummary);
        Assert.Equal(["#Text", "#OccurredOn-month"], page.ErrorSummaryLinks);
        Assert.Equal(before, after);
    }
}
