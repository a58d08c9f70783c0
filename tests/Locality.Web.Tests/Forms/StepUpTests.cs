using System.Net;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Web.Tests.Forms;

/// <summary>
/// Serious acts ask a worker whose second factor is older than 15 minutes to confirm it is them, and change nothing
/// until they have. The test host's sessions start with a second factor given at sign-in (see
/// <c>Locality.Testing.SecondFactorAtSignIn</c>); moving the host's clock on ages it. Each test has a host of its own,
/// as moving the clock ages every session on it.
/// </summary>
public sealed class StepUpTests : IAsyncLifetime
{
    private readonly WebFactory web = new();

    public Task InitializeAsync() => web.InitializeAsync();

    public Task DisposeAsync() => web.DisposeAsync();

    [Fact]
    public async Task AnAdministratorsForm_WithAnOldSecondFactor_SendsThemToConfirm_BeforeAndAfterFillingItIn_AndNothingIsAdded()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var form = await admin.GetAsync("/admin/localities/new");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        web.Clock.Advance(TimeSpan.FromMinutes(16));
        var name = $"Ince {Guid.NewGuid():N}"[..20];

        var shown = await admin.GetAsync("/admin/localities/new");
        var sent = await admin.SubmitAsync(form, "/admin/localities/new", new() { ["Name"] = name });

        Assert.Equal(HttpStatusCode.Redirect, shown.Status);
        Assert.Equal("/sign-in/confirm?returnUrl=%2Fadmin%2Flocalities%2Fnew", shown.Response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Equal("/sign-in/confirm?returnUrl=%2Fadmin%2Flocalities%2Fnew", sent.Response.Headers.Location!.ToString());
        Assert.False(await WithDbAsync(db => db.Localities.AnyAsync(l => l.Name == name)));
    }

    [Fact]
    public async Task AnAdministratorsForm_WithASecondFactorJustGiven_IsShownAndSaved()
    {
        web.Clock.Advance(TimeSpan.FromMinutes(16));
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var name = $"Orrell {Guid.NewGuid():N}"[..20];

        var sent = await admin.SubmitAsync("/admin/localities/new", new() { ["Name"] = name });

        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.DoesNotContain("/sign-in", sent.Response.Headers.Location!.ToString());
        Assert.True(await WithDbAsync(db => db.Localities.AnyAsync(l => l.Name == name)));
    }

    [Fact]
    public async Task AButtonWithNoPageOfItsOwn_ComesBackToThePageItIsOn_AndTheKeyKeepsWorking()
    {
        var (admin, account) = await web.SignedInAccountAsync(Roles.Admin);
        using var _ = admin;
        var agency = account.AgencyId.Value;
        var made = await admin.SubmitAsync($"/admin/agencies/{agency}/api-keys/new", new() { ["Name"] = "Incident feed" });
        Assert.Equal(HttpStatusCode.OK, made.Status);
        var details = await admin.GetAsync($"/admin/agencies/{agency}");
        web.Clock.Advance(TimeSpan.FromMinutes(16));

        var revoked = await admin.PressAsync(details, "Revoke Incident feed");

        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        Assert.Equal($"/sign-in/confirm?returnUrl=%2Fadmin%2Fagencies%2F{agency}", revoked.Response.Headers.Location!.ToString());
        Assert.False(await WithDbAsync(db => db.PartnerApiKeys.AnyAsync(k => k.AgencyId == new AgencyId(agency) && k.RevokedAt != null)));
    }

    [Fact]
    public async Task EmergencyAccess_WithAnOldSecondFactor_AsksBeforeTheReasonIsWritten_AndOpensNothing()
    {
        using var lead = await web.SignedInClientAsync(Roles.KeyWorker);
        using var stranger = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddPersonAsync(lead);
        var form = await stranger.GetAsync($"{person}/emergency-access");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        web.Clock.Advance(TimeSpan.FromMinutes(20));

        var shown = await stranger.GetAsync($"{person}/emergency-access");
        var sent = await stranger.SubmitAsync(form, $"{person}/emergency-access", new() { ["Reason"] = "Police called: welfare concern" });

        var back = "/sign-in/confirm?returnUrl=" + Uri.EscapeDataString($"{person}/emergency-access");
        Assert.Equal(back, shown.Response.Headers.Location?.ToString());
        Assert.Equal(back, sent.Response.Headers.Location?.ToString());
        Assert.False(await WithDbAsync(db => db.BreakGlassGrants.AnyAsync()));
    }

    [Fact]
    public async Task ExportingTheDemandEvidence_WithAnOldSecondFactor_ComesBackToTheSameExport()
    {
        using var lead = await web.SignedInClientAsync(Roles.TeamLead);
        var fresh = await lead.Http.GetAsync("/team/demand/export?Months=6");
        Assert.Equal("text/csv", fresh.Content.Headers.ContentType?.MediaType);
        web.Clock.Advance(TimeSpan.FromMinutes(16));

        var old = await lead.Http.GetAsync("/team/demand/export?Months=6");

        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal("/sign-in/confirm?returnUrl=" + Uri.EscapeDataString("/team/demand/export?Months=6"), old.Headers.Location!.ToString());
        Assert.NotEqual("text/csv", old.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReadingPages_WithAnOldSecondFactor_IsNotAsked()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        web.Clock.Advance(TimeSpan.FromMinutes(16));

        var list = await admin.GetAsync("/admin/localities");
        var audit = await admin.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(HttpStatusCode.OK, audit.Status);
    }

    private async Task<string> AddPersonAsync(FormClient worker)
    {
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Pat",
            ["FamilyName"] = "Stepup" + Guid.NewGuid().ToString("N")[..6],
            ["DateOfBirth.Day"] = "3",
            ["DateOfBirth.Month"] = "4",
            ["DateOfBirth.Year"] = "1980",
            ["PreferredName"] = string.Empty,
            ["NhsNumber"] = string.Empty,
            ["Postcode"] = "WN1 1XX",
            ["Phone"] = "07700 900982",
            ["SafetyNotes"] = string.Empty,
            ["WhatMattersToMe"] = string.Empty,
            ["ConfirmedNew"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        return added.Response.Headers.Location!.ToString();
    }

    private async Task<T> WithDbAsync<T>(Func<LocalityDbContext, Task<T>> work)
    {
        await using var scope = web.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LocalityDbContext>());
    }
}
