using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;

namespace Locality.Api.Tests;

/// <summary>A bearer token lasts only as long as the session it belongs to: stopping the account or signing out ends it at once.</summary>
public sealed class SessionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task BearerToken_OfAnAccountThatIsStopped_IsRefusedAtOnce()
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var (worker, account) = await api.SignedInClientAsync(Roles.KeyWorker);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/api/me")).StatusCode);
        var user = await admin.GetFromJsonAsync<JsonElement>($"/api/users/{account.Id.Value}");

        var stopped = await admin.PostAsJsonAsync($"/api/users/{account.Id.Value}/active", new { active = false, version = user.GetProperty("version").GetUInt32() });

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await worker.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await worker.GetAsync("/api/my-day")).StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsTheToken_AndEveryCopyOfIt_ButNotTheNextSignIn()
    {
        var (client, account) = await api.SignedInClientAsync(Roles.KeyWorker);
        var copy = api.CreateClient();
        copy.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/me")).StatusCode);

        var signedOut = await client.PostAsync("/api/auth/sign-out", null);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
        await api.SignInAsync(client, account);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SigningOutOnOneInstance_EndsTheTokenOnAnother()
    {
        await using var second = ApiFactory.AnotherInstanceOver(api.Database);
        await second.InitializeAsync();
        var (client, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        using var elsewhere = second.CreateClient();
        elsewhere.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/me")).StatusCode);

        var signedOut = await client.PostAsync("/api/auth/sign-out", null);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SigningOut_WithoutSigningIn_Is401()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8-not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/auth/sign-out", null)).StatusCode);
    }
}
