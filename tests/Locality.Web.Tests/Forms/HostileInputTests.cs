using System.Net;
using Locality.Application.Common.Security;

namespace Locality.Web.Tests.Forms;

/// <summary>What a hostile or careless user types into the address bar and the forms: shown back as text, never run, never a server error.</summary>
public sealed class HostileInputTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Theory]
    [InlineData("/people?Results.index=x%22%3E%3Cb%3EINJECTED%3C%2Fb%3E")]
    [InlineData("/people?Results%5B0%5D.x%22%3E%3Cmeta+http-equiv%3Drefresh+content%3D%220%3Burl%3Dhttps%3A%2F%2Fexample.com%22%3E=1&Name=Ann")]
    [InlineData("/people?Name=Ann&Results.Count=%22%3E%3Cb%3EINJECTED%3C%2Fb%3E")]
    public async Task ASearchWithMadeUpFieldsInItsAddress_ShowsNoMarkupAndRedirectsNowhere(string url)
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);

        var page = await worker.GetAsync(url);

        Assert.True((int)page.Status < 500, $"{(int)page.Status} for {url}");
        Assert.Empty(page.Document.QuerySelectorAll("main b, main meta, meta[http-equiv]"));
        Assert.DoesNotContain("INJECTED", page.Document.QuerySelector("main")!.InnerHtml.Replace("&lt;", string.Empty), StringComparison.Ordinal);
        Assert.Null(page.Response.Headers.Location);
        Assert.DoesNotContain(page.ErrorSummaryLinks, l => l.Contains('"') || l.Contains('<'));
    }

    [Theory]
    [InlineData("/admin/audit?Results.Page=1")]
    [InlineData("/admin/audit?Results.Entries%5B0%5D.UserName=x&Results.Page=abc")]
    public async Task TheAuditSearch_IgnoresItsResultsInTheAddress_InsteadOfFailing(string url)
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);

        var page = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.ErrorSummary);
    }

    [Fact]
    public async Task TheAuditSearch_NamesABadDateAndABadPersonIdTogether()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);

        var page = await admin.GetAsync("/admin/audit?PersonId=someone&From.Day=1&From.Month=13&From.Year=2026");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("The start date must be a real date", page.ErrorSummary);
        Assert.Contains(Areas.Admin.Models.AuditSearchForm.PersonIdProblem, page.ErrorSummary);
        Assert.Contains("#From-month", page.ErrorSummaryLinks);
    }

    [Fact]
    public async Task AFormFieldNamedWithMarkup_IsLinkedFromTheErrorSummaryAsText()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Rae",
            ["FamilyName"] = "Markup" + Guid.NewGuid().ToString("N")[..6],
            ["DateOfBirth.Day"] = "1",
            ["DateOfBirth.Month"] = "2",
            ["DateOfBirth.Year"] = "1980",
            ["ConfirmedNew"] = "true",
        });
        var person = added.Response.Headers.Location!.ToString();

        // A rating's steps are keyed by area: a made-up area whose name is markup, with a score that is not a number.
        var page = await worker.SubmitAsync($"{person}/ratings/new", new() { ["Steps[x\"><b>INJECTED</b>]"] = "lots" });

        Assert.True((int)page.Status < 500, $"{(int)page.Status}");
        Assert.Empty(page.Document.QuerySelectorAll("main b"));
        Assert.DoesNotContain(page.ErrorSummaryLinks, l => l.Contains('"') || l.Contains('<'));
    }

    [Fact]
    public async Task AFieldErrorWithMarkupInItsName_IsLinkedAsText()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);

        // An NHS number that cannot be right, with a made-up field whose name is markup: only the real field is named.
        var page = await worker.GetAsync("/people?NhsNumber=1&x%22%3E%3Cb%3Ey=1");

        Assert.Empty(page.Document.QuerySelectorAll("main b"));
        Assert.All(page.ErrorSummaryLinks, link => Assert.Matches("^#[A-Za-z0-9_-]+$", link));
    }

    [Theory]
    [InlineData("Name", "ab%00c", true)]
    [InlineData("Postcode", "WN1%001XX", true)]
    [InlineData("Name", "ab%ED%A0%80c", false)]
    public async Task HiddenCharactersInASearch_AreAFieldError_NotAServerError(string field, string encoded, bool isAnError)
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);

        var page = await worker.GetAsync($"/people?{field}={encoded}");

        // Half a surrogate pair cannot arrive in a URL (it is not UTF-8: it is read as a replacement character).
        Assert.Equal(isAnError ? HttpStatusCode.BadRequest : HttpStatusCode.OK, page.Status);
        Assert.Equal(isAnError ? [$"#{field}"] : [], page.ErrorSummaryLinks);
        Assert.Equal(isAnError, page.FieldError(field) is not null);
    }

    [Fact]
    public async Task HiddenCharactersInOtherAddresses_AreABadRequest_NotAServerError()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Cur",
            ["FamilyName"] = "Sor" + Guid.NewGuid().ToString("N")[..6],
            ["DateOfBirth.Day"] = "1",
            ["DateOfBirth.Month"] = "2",
            ["DateOfBirth.Year"] = "1980",
            ["ConfirmedNew"] = "true",
        });
        var person = added.Response.Headers.Location!.ToString();

        var merge = await worker.GetAsync($"{person}/merge?search=ab%00c");
        var older = await worker.GetAsync($"{person}?before=ab%00c");

        Assert.Equal(HttpStatusCode.BadRequest, merge.Status);
        Assert.Equal(HttpStatusCode.BadRequest, older.Status);
    }

    [Fact]
    public async Task AHiddenCharacterInAFormPost_IsAFieldError_AndNothingIsSaved()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var family = "Nul" + Guid.NewGuid().ToString("N")[..6];

        var page = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "A\0da",
            ["FamilyName"] = family,
            ["DateOfBirth.Day"] = "1",
            ["DateOfBirth.Month"] = "2",
            ["DateOfBirth.Year"] = "1980",
            ["ConfirmedNew"] = "true",
        });
        var search = await worker.GetAsync($"/people?Name={family}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(["#GivenName"], page.ErrorSummaryLinks);
        Assert.Equal("No one found", search.Document.QuerySelector("main h2")?.TextContent.Trim());
    }

    [Fact]
    public async Task SigningInWithAHiddenCharacter_IsRefusedLikeAWrongPassword()
    {
        using var client = web.NewClient();

        var page = await client.SubmitAsync("/sign-in", new() { ["Email"] = "someone\0@test.locality", ["Password"] = "anything\0" });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotEmpty(page.ErrorSummary);
        Assert.Null(page.Response.Headers.Location);
    }

    [Fact]
    public async Task SearchingWithNothingTyped_SaysWhatToEnter()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);

        var first = await worker.GetAsync("/people");
        var empty = await worker.GetAsync("/people?Name=&NhsNumber=&DateOfBirth.Day=&DateOfBirth.Month=&DateOfBirth.Year=&Postcode=");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Empty(first.ErrorSummary);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal(["Enter a name, NHS number, date of birth or postcode to find someone"], empty.ErrorSummary);
        Assert.Equal(["#Name"], empty.ErrorSummaryLinks);
    }

    [Fact]
    public async Task AnAdministratorsBackLinkFromDemandImports_LeadsSomewhereTheyMayGo()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        using var lead = await web.SignedInClientAsync(Roles.TeamLead);

        var adminBack = (await admin.GetAsync("/demand/imports")).Document.QuerySelector("a.govuk-back-link")!.GetAttribute("href")!;
        var leadBack = (await lead.GetAsync("/demand/imports")).Document.QuerySelector("a.govuk-back-link")!.GetAttribute("href")!;

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(adminBack)).Status);
        Assert.Equal("/team", leadBack);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync(leadBack)).Status);
    }

    [Theory]
    [InlineData("from=Jan+2026", "From", "Enter the from month as a year and a month in numbers, like 2026-01")]
    [InlineData("from=2025-13", "From", "Enter the from month as a year and a month in numbers, like 2026-01")]
    [InlineData("to=2025-13", "To", "Enter the to month as a year and a month in numbers, like 2026-10")]
    [InlineData("from=2026-06&to=2026-01", "From", "The from month must be the same as or before the to month")]
    public async Task ADemandFilterThatCannotBeRight_NamesTheField(string query, string field, string message)
    {
        using var lead = await web.SignedInClientAsync(Roles.TeamLead);

        var page = await lead.GetAsync($"/team/demand?{query}");
        var export = await lead.Http.GetAsync($"/team/demand/export?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal([message], page.ErrorSummary);
        Assert.Equal([$"#{field}"], page.ErrorSummaryLinks);
        Assert.Equal(message, page.FieldError(field));
        Assert.NotNull(page.Document.QuerySelector($"input#{field}.govuk-input--error"));
        Assert.Null(page.Document.QuerySelector("#failure-total"));
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.StartsWith("/team/demand?", export.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADemandFilterThatIsRight_ShowsTheFigures()
    {
        using var lead = await web.SignedInClientAsync(Roles.TeamLead);

        var page = await lead.GetAsync("/team/demand?from=2026-01&to=2026-06");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.ErrorSummary);
        Assert.NotNull(page.Document.QuerySelector("#failure-total"));
    }
}
