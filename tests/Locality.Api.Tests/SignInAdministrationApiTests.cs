using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Locality.Api.Tests;

/// <summary>
/// Agencies' identity providers and the sign-in side of people's accounts through the API. This host allows providers
/// on plain http (as Development and Testing do, for a provider on 127.0.0.1) and has one provider's secret set.
/// </summary>
public sealed class SignInAdministrationApiTests(SignInAdministrationApiTests.HttpAllowedApi api) : IClassFixture<SignInAdministrationApiTests.HttpAllowedApi>
{
    public sealed class HttpAllowedApi : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("IdentityProviders:AllowHttp", "true");
            builder.UseSetting("IdentityProviders:Secrets:PoliceForce", "kept-out-of-the-database");
        }
    }

    [Fact]
    public async Task AddAProvider_OnHttpWhereAllowed_ThenChangeIt_AndAStaleChangeIs409()
    {
        var (admin, account) = await api.SignedInClientAsync(Roles.Admin);
        var key = "police-" + Guid.NewGuid().ToString("N")[..8];
        var domain = Domain();

        var created = await admin.PostAsJsonAsync($"/api/agencies/{account.AgencyId.Value}/identity-providers", Body(key, domain, account.TeamId.Value));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var provider = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/identity-providers/{provider.GetProperty("id").GetGuid()}", created.Headers.Location!.ToString());
        Assert.Equal("http://127.0.0.1:5055/realms/police", provider.GetProperty("authority").GetString());
        Assert.True(provider.GetProperty("secretIsSet").GetBoolean());
        Assert.Equal($"/sign-in/oidc/{key}/back-channel-logout", provider.GetProperty("backChannelLogoutPath").GetString());
        Assert.DoesNotContain("kept-out-of-the-database", await created.Content.ReadAsStringAsync());
        var id = provider.GetProperty("id").GetGuid();
        var version = provider.GetProperty("version").GetUInt32();

        var changed = await admin.PutAsJsonAsync($"/api/identity-providers/{id}", Change(domain, account.TeamId.Value, "Renamed", version));
        var stale = await admin.PutAsJsonAsync($"/api/identity-providers/{id}", Change(domain, account.TeamId.Value, "Too late", version));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("Renamed", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("StaleVersion", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString());
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/identity-providers?agencyId={account.AgencyId.Value}");
        Assert.Equal("Renamed", listed.EnumerateArray().Single().GetProperty("name").GetString());
    }

    [Fact]
    public async Task AddAProvider_WithBadFields_IsA400WithEachFieldNamed()
    {
        var (admin, account) = await api.SignedInClientAsync(Roles.Admin);
        var (_, elsewhere) = await api.SignedInClientAsync(Roles.KeyWorker);
        var taken = Domain();
        var first = await admin.PostAsJsonAsync($"/api/agencies/{account.AgencyId.Value}/identity-providers", Body("first-" + Guid.NewGuid().ToString("N")[..8], taken, account.TeamId.Value));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var response = await admin.PostAsJsonAsync($"/api/agencies/{account.AgencyId.Value}/identity-providers", new
        {
            key = "x y",
            name = "Second",
            authority = "https://login.example.gov.uk/tenant?x=1",
            clientId = "client",
            secretName = "PoliceForce",
            emailDomains = new[] { taken },
            groups = new[] { new { group = "staff", role = "Superuser", teamId = elsewhere.TeamId.Value } },
            defaultTeamId = account.TeamId.Value,
            createsAccounts = false,
            withoutSecondFactor = "Refuse",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith("Use only lower-case letters", errors.GetProperty("key")[0].GetString());
        Assert.Equal("Enter the provider's address without a ? or # part", errors.GetProperty("authority")[0].GetString());
        Assert.StartsWith($"{taken} already signs in through", errors.GetProperty("emailDomains")[0].GetString());
        Assert.StartsWith("Select a role from the list", errors.GetProperty("groups[0].role")[0].GetString());
        Assert.Equal("Select one of this agency's teams", errors.GetProperty("groups[0].teamId")[0].GetString());
    }

    [Fact]
    public async Task SwitchAProviderOff_ThenAStaleSwitchIs409_AndAnUnknownOneIs404()
    {
        var (admin, account) = await api.SignedInClientAsync(Roles.Admin);
        var created = await (await admin.PostAsJsonAsync($"/api/agencies/{account.AgencyId.Value}/identity-providers",
            Body("off-" + Guid.NewGuid().ToString("N")[..8], Domain(), account.TeamId.Value))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var version = created.GetProperty("version").GetUInt32();

        var off = await admin.PostAsJsonAsync($"/api/identity-providers/{id}/enabled", new { enabled = false, version });
        var stale = await admin.PostAsJsonAsync($"/api/identity-providers/{id}/enabled", new { enabled = true, version });
        var unknown = await admin.PostAsJsonAsync($"/api/identity-providers/{Guid.NewGuid()}/enabled", new { enabled = true, version });

        Assert.False((await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isEnabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ApproveSomeoneWaiting_ThenTheyCanSignIn_AndLettingThemInAnotherWayFirstIsAFieldError()
    {
        var (admin, account) = await api.SignedInClientAsync(Roles.Admin);
        var waiting = await WaitingAccounts.CreateAsync(api.Services, account.TeamId, account.AgencyId);
        var user = await admin.GetFromJsonAsync<JsonElement>($"/api/users/{waiting.Id.Value}");
        Assert.True(user.GetProperty("awaitsApproval").GetBoolean());
        var version = user.GetProperty("version").GetUInt32();
        using var newcomer = api.CreateClient();
        var before = await newcomer.PostAsJsonAsync("/api/auth/token", new { email = waiting.Email, password = waiting.Password, code = "123456" });
        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal("The email address, password or code is not right", (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        var letIn = await admin.PostAsJsonAsync($"/api/users/{waiting.Id.Value}/active", new { active = true, version });
        var approved = await admin.PostAsJsonAsync($"/api/users/{waiting.Id.Value}/approve", new { teamId = account.TeamId.Value, roles = new[] { Roles.KeyWorker }, version });

        Assert.Equal(HttpStatusCode.BadRequest, letIn.StatusCode);
        Assert.StartsWith("This account is waiting for approval", (await letIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("active")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        // Approved, the password is right now; the account's next step is setting up its second factor.
        var after = await newcomer.PostAsJsonAsync("/api/auth/token", new { email = waiting.Email, password = waiting.Password, code = "123456" });
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Set up a second factor first", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task EndSomeonesSessions_TheirTokenStopsWorkingAtOnce()
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var (worker, account) = await api.SignedInClientAsync(Roles.KeyWorker);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/api/me")).StatusCode);

        var ended = await admin.PostAsync($"/api/users/{account.Id.Value}/end-sessions", null);

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await worker.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task BreakGlass_ForSomeoneWhoIsNotAnAdministrator_IsAFieldError()
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var worker = await api.CreateAccountAsync(Roles.KeyWorker);
        var other = await api.CreateAccountAsync(Roles.Admin);

        var refused = await admin.PostAsJsonAsync($"/api/users/{worker.Id.Value}/break-glass", new { breakGlass = true });
        var named = await admin.PostAsJsonAsync($"/api/users/{other.Id.Value}/break-glass", new { breakGlass = true });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("Only an administrator", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("breakGlass")[0].GetString());
        Assert.True((await named.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isBreakGlassAdmin").GetBoolean());
    }

    private static string Domain() => $"p{Guid.NewGuid():N}"[..12] + ".police.uk";

    private static object Body(string key, string domain, Guid team) => new
    {
        key,
        name = "Police sign-in",
        authority = "http://127.0.0.1:5055/realms/police/",
        clientId = "locality",
        secretName = "PoliceForce",
        emailDomains = new[] { domain },
        groupsClaim = "roles",
        groups = new[] { new { group = "officers", role = Roles.KeyWorker, teamId = (Guid?)team } },
        defaultTeamId = team,
        createsAccounts = true,
        withoutSecondFactor = "AskLocality",
    };

    private static object Change(string domain, Guid team, string name, uint version) => new
    {
        name,
        authority = "http://127.0.0.1:5055/realms/police",
        clientId = "locality",
        secretName = "PoliceForce",
        emailDomains = new[] { domain },
        groupsClaim = "roles",
        defaultTeamId = team,
        createsAccounts = false,
        withoutSecondFactor = "Refuse",
        version,
    };
}
