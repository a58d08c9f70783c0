using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Api.Tests;

/// <summary>
/// A serious act with a token whose second factor is older than 15 minutes is answered 401 with RFC 9470's
/// <c>insufficient_user_authentication</c>, and changes nothing. The test host's tokens carry a second factor given
/// when they were issued (see <c>Locality.Testing.SecondFactorAtSignIn</c>); moving the clock on ages it.
/// </summary>
public sealed class StepUpApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AnAdministratorsChange_WithAnOldSecondFactor_Is401WithTheChallenge_AndNothingIsAdded()
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        api.Clock.Advance(TimeSpan.FromMinutes(16));
        var name = $"Standish {Guid.NewGuid():N}"[..24];

        var refused = await admin.PostAsJsonAsync("/api/localities", new { name });
        var stillReads = await admin.GetAsync("/api/localities");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var challenge = Assert.Single(refused.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"insufficient_user_authentication\"", challenge.Parameter);
        Assert.Contains("error_description=\"", challenge.Parameter);
        Assert.EndsWith("max_age=900", challenge.Parameter);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Confirm it is you", problem.GetProperty("title").GetString());
        Assert.Contains("new token", problem.GetProperty("detail").GetString());
        Assert.Equal(900, problem.GetProperty("maxAge").GetInt64());
        Assert.Equal(HttpStatusCode.OK, stillReads.StatusCode);
        Assert.False(await WithDbAsync(db => db.Localities.AnyAsync(l => l.Name == name)));
    }

    [Fact]
    public async Task AnAdministratorsChange_WithANewTokenAfterwards_IsDone()
    {
        var (admin, account) = await api.SignedInClientAsync(Roles.Admin);
        api.Clock.Advance(TimeSpan.FromMinutes(16));
        await api.SignInAsync(admin, account);
        var name = $"Aspull {Guid.NewGuid():N}"[..24];

        var created = await admin.PostAsJsonAsync("/api/localities", new { name });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task EmergencyAccess_WithAnOldSecondFactor_Is401_AndOpensNothing()
    {
        var (lead, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (stranger, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var added = await lead.PostAsJsonAsync("/api/people", new { givenName = "Jo", familyName = "Stepup" + Guid.NewGuid().ToString("N")[..6], dateOfBirth = "1980-04-03", confirmedNew = true });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var person = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        api.Clock.Advance(TimeSpan.FromMinutes(16));

        var refused = await stranger.PostAsJsonAsync($"/api/people/{person}/emergency-access", new { reason = "Welfare concern out of hours" });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("insufficient_user_authentication", refused.Headers.WwwAuthenticate.ToString());
        Assert.False(await WithDbAsync(db => db.BreakGlassGrants.AnyAsync(g => g.PersonId == new Domain.People.PersonId(person))));
    }

    [Fact]
    public async Task APartnerSystemsKey_IsNeverAskedForASecondFactor()
    {
        var (partner, agency) = await api.PartnerSystemAsync();
        api.Clock.Advance(TimeSpan.FromMinutes(16));

        var sent = await partner.PostAsJsonAsync("/api/demand/imports", new
        {
            agencyId = agency,
            events = new object[] { new { sourceReference = "S-1", type = "police-call-out", occurredAt = "2026-05-01T22:15:00Z", uprn = "100011781234", classification = "value" } },
        });

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
    }

    private async Task<T> WithDbAsync<T>(Func<LocalityDbContext, Task<T>> work)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LocalityDbContext>());
    }
}
