using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Locality.Testing.Oidc;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Api.Tests;

/// <summary>The API host as a test or a developer runs it with a partner's provider on http://127.0.0.1, and Locality's own audience named.</summary>
public sealed class PartnerTokenApiFactory : ApiFactory
{
    public const string Audience = "locality-api";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("IdentityProviders:AllowHttp", "true");
        builder.UseSetting("Api:Audience", Audience);
    }
}

/// <summary>Two real OpenID Connect providers: the police force's, which an administrator registers, and one nobody has.</summary>
public sealed class PartnerProviders : IAsyncLifetime
{
    public const string Secret = "feed-secret";

    public TestIdentityProvider Police { get; private set; } = null!;

    public TestIdentityProvider Unregistered { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Police = await TestIdentityProvider.StartAsync("Northshire Police");
        Unregistered = await TestIdentityProvider.StartAsync("Somewhere Else");
    }

    public async Task DisposeAsync()
    {
        await Police.DisposeAsync();
        await Unregistered.DisposeAsync();
    }
}

/// <summary>
/// A partner system calling with an access token from its own provider (OAuth client credentials), whose issuer and
/// client an administrator registered for its agency; and every way such a token can be wrong, each a 401, never a 5xx.
/// </summary>
public sealed class PartnerTokenTests(PartnerTokenApiFactory api, PartnerProviders providers)
    : IClassFixture<PartnerTokenApiFactory>, IClassFixture<PartnerProviders>
{
    [Fact]
    public async Task ARegisteredClientsToken_LetsThePartnerSystemSendABatchForItsOwnAgency_Only()
    {
        var (clientId, agency, _) = await RegisterAsync(audience: null);
        using var partner = await PartnerAsync(providers.Police, clientId);
        var (_, otherAgency) = await api.PartnerSystemAsync();

        var catalogue = await partner.GetAsync("/api/demand/catalogue");
        var accepted = await partner.PostAsJsonAsync("/api/demand/imports", Batch(agency));
        var refused = await partner.PostAsJsonAsync("/api/demand/imports", Batch(otherAgency));

        Assert.Equal(HttpStatusCode.OK, catalogue.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal("Waiting", (await partner.GetFromJsonAsync<JsonElement>($"/api/demand/imports/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AClientsOwnAudience_IsTheOneItsTokensMustCarry()
    {
        var (clientId, _, _) = await RegisterAsync(audience: "police-feed-audience");
        using var partner = await PartnerAsync(providers.Police, clientId);

        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/api/demand/catalogue")).StatusCode);
    }

    [Fact]
    public async Task ATokenFromAnUnregisteredIssuer_IsRefused()
    {
        var (clientId, _, _) = await RegisterAsync(audience: null);
        providers.Unregistered.AddClientCredentialsClient(clientId, PartnerProviders.Secret, PartnerTokenApiFactory.Audience);
        using var partner = await PartnerAsync(providers.Unregistered, clientId);

        await AssertRefusedAsync(partner);
    }

    [Fact]
    public async Task AClientIdRegisteredForAnotherAgencyAtAnotherProvider_IsRefused()
    {
        // The council registers "its" client at the provider nobody registered; the police provider also knows a client of that name.
        var (council, councilAdmin) = await api.SignedInClientAsync(Roles.Admin, AgencyKind.Council);
        var councilAgency = councilAdmin.AgencyId.Value;
        var clientId = $"council-feed-{Guid.NewGuid():N}";
        var registered = await council.PostAsJsonAsync($"/api/agencies/{councilAgency}/token-clients",
            new { name = "Council feed", issuer = providers.Unregistered.Issuer.ToString(), clientId, audience = (string?)null });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        providers.Police.AddClientCredentialsClient(clientId, PartnerProviders.Secret, PartnerTokenApiFactory.Audience);
        using var partner = await PartnerAsync(providers.Police, clientId);

        await AssertRefusedAsync(partner);
    }

    [Theory]
    [InlineData("audience")]
    [InlineData("expired")]
    [InlineData("other-key")]
    [InlineData("issuer")]
    public async Task ASpoiledToken_IsRefused(string spoiled)
    {
        var (clientId, _, _) = await RegisterAsync(audience: null);
        // Tests in one class run one at a time, so no other test gets a spoiled token.
        providers.Police.Tamper.Audience = spoiled == "audience";
        providers.Police.Tamper.Expired = spoiled == "expired";
        providers.Police.Tamper.SignWithOtherKey = spoiled == "other-key";
        providers.Police.Tamper.Issuer = spoiled == "issuer";
        string token;
        try
        {
            token = await providers.Police.GetClientCredentialsTokenAsync(clientId, PartnerProviders.Secret);
        }
        finally
        {
            providers.Police.Tamper.Reset();
        }

        using var partner = api.CreateClient();
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await AssertRefusedAsync(partner);
    }

    [Fact]
    public async Task ARemovedClientsToken_IsRefusedAtOnce()
    {
        var (clientId, _, tokenClient) = await RegisterAsync(audience: null);
        using var partner = await PartnerAsync(providers.Police, clientId);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/api/demand/catalogue")).StatusCode);
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);

        var removed = await admin.PostAsync($"/api/token-clients/{tokenClient}/remove", null);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        await AssertRefusedAsync(partner);
    }

    [Theory]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xIn0.x")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xIn0")]
    public async Task AMalformedOrUnsignedToken_IsRefused(string token)
    {
        using var partner = api.CreateClient();
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await AssertRefusedAsync(partner);
    }

    [Fact]
    public async Task AProviderThatIsDown_MeansRefusal_NotAServerError()
    {
        var (clientId, _, _) = await RegisterAsync(audience: null, provider: providers.Unregistered);
        var token = await providers.Unregistered.GetClientCredentialsTokenAsync(clientId, PartnerProviders.Secret);
        using var partner = api.CreateClient();
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        providers.Unregistered.IsDown = true;
        try
        {
            await AssertRefusedAsync(partner);
        }
        finally
        {
            providers.Unregistered.IsDown = false;
        }
    }

    [Fact]
    public async Task RegisteringAClient_WithBadFields_IsAFieldErrorForEach_AndNoClientIsKept()
    {
        var (admin, account) = await api.SignedInClientAsync(Roles.Admin);

        var bad = await admin.PostAsJsonAsync($"/api/agencies/{account.AgencyId.Value}/token-clients",
            new { name = "", issuer = "not an address", clientId = "", audience = (string?)null });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("issuer", out _));
        Assert.True(errors.TryGetProperty("clientId", out _));
        Assert.Equal(0, await WithDbAsync(db => db.TokenClients.CountAsync(c => c.AgencyId == account.AgencyId)));
    }

    private static object Batch(Guid agency) => new
    {
        agencyId = agency,
        events = new object[] { new { sourceReference = $"T-{Guid.NewGuid():N}", type = "police-call-out", occurredAt = "2026-05-01T22:15:00Z", uprn = "100011781234", classification = "failure", failureType = "REPEAT_CALLOUT" } },
    };

    /// <summary>A police agency's administrator registers a new client of the provider for their agency; the provider knows it too.</summary>
    private async Task<(string ClientId, Guid Agency, Guid TokenClient)> RegisterAsync(string? audience, TestIdentityProvider? provider = null)
    {
        provider ??= providers.Police;
        var (admin, account) = await api.SignedInClientAsync(Roles.Admin, AgencyKind.Police);
        var clientId = $"incident-feed-{Guid.NewGuid():N}";
        provider.AddClientCredentialsClient(clientId, PartnerProviders.Secret, audience ?? PartnerTokenApiFactory.Audience);
        var created = await admin.PostAsJsonAsync($"/api/agencies/{account.AgencyId.Value}/token-clients",
            new { name = "Incident feed", issuer = provider.Issuer.ToString(), clientId, audience });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (clientId, account.AgencyId.Value, id);
    }

    private async Task<HttpClient> PartnerAsync(TestIdentityProvider provider, string clientId)
    {
        var token = await provider.GetClientCredentialsTokenAsync(clientId, PartnerProviders.Secret);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task AssertRefusedAsync(HttpClient partner)
    {
        var catalogue = await partner.GetAsync("/api/demand/catalogue");
        var batch = await partner.PostAsJsonAsync("/api/demand/imports", Batch(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Unauthorized, catalogue.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, batch.StatusCode);
    }

    private async Task<T> WithDbAsync<T>(Func<LocalityDbContext, Task<T>> work)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LocalityDbContext>());
    }
}
