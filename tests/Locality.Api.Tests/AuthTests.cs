using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Application.Organisations.ApiKeys;
using Locality.Domain.Organisations;

namespace Locality.Api.Tests;

public sealed class AuthTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Token_WithTheRightPassword_GivesABearerTokenThatSignsYouIn()
    {
        var (client, account) = await api.SignedInClientAsync(Roles.KeyWorker);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");

        Assert.Equal(account.Id.Value.ToString(), me.GetProperty("id").GetString());
        Assert.Equal(Roles.KeyWorker, me.GetProperty("roles")[0].GetString());
    }

    [Theory]
    [InlineData("""{"email":"a\u0000b@test.locality","password":"whatever it is"}""", "email")]
    [InlineData("""{"email":"someone@test.locality","password":"half \ud800 a character"}""", "password")]
    public async Task Token_WithTextNoFieldCanKeep_Is400NamingTheField_NotA500(string body, string field)
    {
        var response = await api.CreateClient().PostAsync("/api/auth/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Token_ForAWrongPasswordAndForAnUnknownEmail_GetTheSameAnswer_SoAccountsCannotBeFound()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);
        var client = api.CreateClient();

        var wrong = await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = "not the password", code = "123456" });
        var unknown = await client.PostAsJsonAsync("/api/auth/token", new { email = $"nobody.{Guid.NewGuid():N}@test.locality", password = "not the password", code = "123456" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await TitleOf(wrong), await TitleOf(unknown));
    }

    [Fact]
    public async Task Token_WithoutAnEmailOrPassword_NamesEachMissingField()
    {
        var answer = await api.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = " ", password = "" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Enter your email address", errors.GetProperty("email")[0].GetString());
        Assert.Equal("Enter your password", errors.GetProperty("password")[0].GetString());
    }

    [Fact]
    public async Task Token_AfterFiveWrongPasswords_LocksTheAccount_EvenAgainstTheRightOne()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);
        var client = api.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = $"guess {i}", code = "123456" });
        }

        var right = await client.PostAsJsonAsync("/api/auth/token", api.TokenRequest(account));

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutAToken_Is401ProblemDetails()
    {
        var response = await api.CreateClient().GetAsync("/api/localities");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Request_WithAForgedToken_Is401()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8-not-a-real-token");

        var response = await client.GetAsync("/api/localities");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_FromTheWrongRole_Is403ProblemDetails()
    {
        var (client, _) = await api.SignedInClientAsync(Roles.KeyWorker);

        var response = await client.PostAsJsonAsync("/api/localities", new { name = "Not allowed" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PartnerApiKey_SignsInItsAgencysSystem_UntilItIsRevoked()
    {
        var (admin, account) = await api.SignedInClientAsync(Roles.Admin);
        var created = await (await admin.PostAsJsonAsync($"/api/agencies/{account.AgencyId}/api-keys", new { name = "Incident feed" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;
        var keyId = created.GetProperty("details").GetProperty("id").GetString();
        var partner = api.CreateClient();
        partner.DefaultRequestHeaders.Add("X-Api-Key", key);

        var me = await partner.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(Roles.PartnerSystem, me.GetProperty("roles")[0].GetString());
        Assert.Equal(account.AgencyId.Value.ToString(), me.GetProperty("agencyId").GetString());

        (await admin.PostAsync($"/api/api-keys/{keyId}/revoke", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await partner.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task PartnerApiKey_ThatIsMadeUpOrMalformed_Is401()
    {
        var (fake, _, _) = ApiKeySecret.Generate();
        foreach (var key in new[] { fake, "garbage", "lk_short_x" })
        {
            var partner = api.CreateClient();
            partner.DefaultRequestHeaders.Add("X-Api-Key", key);

            Assert.Equal(HttpStatusCode.Unauthorized, (await partner.GetAsync("/api/me")).StatusCode);
        }
    }

    [Fact]
    public async Task PartnerSystem_CannotUseAdministrationEndpoints()
    {
        var (admin, account) = await api.SignedInClientAsync(Roles.Admin, AgencyKind.Police);
        var created = await (await admin.PostAsJsonAsync($"/api/agencies/{account.AgencyId}/api-keys", new { name = "Feed" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var partner = api.CreateClient();
        partner.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());

        var response = await partner.PostAsJsonAsync("/api/agencies", new { name = "Sneaky", kind = "Police" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<string?> TitleOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
}
