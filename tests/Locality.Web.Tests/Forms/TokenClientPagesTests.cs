using System.Net;
using Locality.Application.Common.Security;

namespace Locality.Web.Tests.Forms;

/// <summary>An administrator registers, beside the agency's API keys, a partner system that uses its own provider's tokens.</summary>
public sealed class TokenClientPagesTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task RegisteringASystem_WithBadFields_ShowsEachProblem_ThenAGoodOneIsListed_AndCanBeRemoved()
    {
        var (admin, account) = await web.SignedInAccountAsync(Roles.Admin);
        using var _ = admin;
        var agency = account.AgencyId.Value;
        var form = $"/admin/agencies/{agency}/token-clients/new";

        var bad = await admin.SubmitAsync(form, new() { ["Name"] = " ", ["Issuer"] = "ftp://login.example.org", ["ClientId"] = "", ["Audience"] = "" });
        var clientId = $"feed-{Guid.NewGuid():N}";
        var good = await admin.SubmitAsync(form, new() { ["Name"] = "Incident feed", ["Issuer"] = "https://login.police.example/tenant/", ["ClientId"] = clientId, ["Audience"] = "" });
        var details = await admin.GetAsync($"/admin/agencies/{agency}");
        var removed = await admin.PressAsync(details, "Remove Incident feed");
        var after = await admin.GetAsync($"/admin/agencies/{agency}");

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(["#Name", "#Issuer", "#ClientId"], bad.ErrorSummaryLinks);
        Assert.Equal("Enter the provider's address, starting https://, for example https://login.example.org/tenant", bad.FieldError("Issuer"));
        Assert.Equal(HttpStatusCode.Redirect, good.Status);
        Assert.Equal($"/admin/agencies/{agency}", good.Response.Headers.Location!.ToString());
        var row = details.Document.QuerySelector("#token-clients tbody tr")!.TextContent;
        Assert.Contains("https://login.police.example/tenant", row);
        Assert.Contains(clientId, row);
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Contains("Tokens for Incident feed no longer work", after.Document.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Contains("Removed", after.Document.QuerySelector("#token-clients tbody tr")!.TextContent);
    }

    [Fact]
    public async Task TheAudit_SaysHowEachReaderSignedIn()
    {
        using var lead = await web.SignedInClientAsync(Roles.KeyWorker);
        var added = await lead.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Sam",
            ["FamilyName"] = "Audited" + Guid.NewGuid().ToString("N")[..6],
            ["PreferredName"] = string.Empty,
            ["DateOfBirth.Day"] = "3",
            ["DateOfBirth.Month"] = "4",
            ["DateOfBirth.Year"] = "1980",
            ["NhsNumber"] = string.Empty,
            ["Postcode"] = "WN1 1XX",
            ["Phone"] = "07700 900982",
            ["SafetyNotes"] = string.Empty,
            ["WhatMattersToMe"] = string.Empty,
            ["ConfirmedNew"] = "true",
        });
        var person = added.Response.Headers.Location!.ToString();
        using var admin = await web.SignedInClientAsync(Roles.Admin);

        var audit = await admin.GetAsync($"/admin/audit?PersonId={person.Split('/').Last()}");
        var log = await lead.GetAsync($"{person}/access-log");

        Assert.Contains("How they signed in", audit.Document.QuerySelector("table thead")!.TextContent);
        Assert.Contains("Password and authenticator app, with a second factor", audit.Document.QuerySelector("table tbody")!.TextContent);
        Assert.Contains("Password and authenticator app, with a second factor", log.Document.QuerySelector("#access-log tbody")!.TextContent);
    }
}
