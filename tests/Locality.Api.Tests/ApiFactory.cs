using System.Net.Http.Headers;
using System.Net.Http.Json;
using Locality.Domain.Organisations;
using Locality.Testing;

namespace Locality.Api.Tests;

/// <summary>The real API host on a real port (see <see cref="HostFactory{TEntryPoint}"/>), with bearer-token sign-in.</summary>
public class ApiFactory : HostFactory<Program>
{
    public ApiFactory()
    {
    }

    /// <summary>Another instance of the API over the same database.</summary>
    protected ApiFactory(TestDatabase shared)
        : base(shared)
    {
    }

    public static ApiFactory AnotherInstanceOver(TestDatabase shared) => new(shared);

    /// <summary>A client signed in as a new staff member holding the role, using a bearer token from the API itself.</summary>
    public async Task<(HttpClient Client, StaffAccount Account)> SignedInClientAsync(string role, AgencyKind kind = AgencyKind.Council, TeamId? inTeam = null)
    {
        var account = await CreateAccountAsync(role, kind, inTeam);
        var client = CreateClient();
        await SignInAsync(client, account);
        return (client, account);
    }

    /// <summary>Gets a fresh bearer token: tokens last 30 minutes, so a test that moves the clock on signs in again.</summary>
    public async Task SignInAsync(HttpClient client, StaffAccount account)
    {
        client.DefaultRequestHeaders.Authorization = null;
        var response = await client.PostAsJsonAsync("/api/auth/token", TokenRequest(account));
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
    }

    /// <summary>A partner system of a new police agency, calling with the agency's own API key.</summary>
    public async Task<(HttpClient Client, Guid Agency)> PartnerSystemAsync()
    {
        var (admin, account) = await SignedInClientAsync(Locality.Application.Common.Security.Roles.Admin, AgencyKind.Police);
        var created = await (await admin.PostAsJsonAsync($"/api/agencies/{account.AgencyId}/api-keys", new { name = "Incident feed" }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());
        return (client, account.AgencyId.Value);
    }

    /// <summary>What the token endpoint takes: the email, the password and a fresh code from the account's authenticator app.</summary>
    public object TokenRequest(StaffAccount account) =>
        new { email = account.Email, password = account.Password, code = account.NextCode(Clock.GetUtcNow()) };

    private sealed record TokenResponse(string AccessToken, long ExpiresIn);
}
