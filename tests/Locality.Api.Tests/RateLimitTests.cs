using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Locality.Api.Tests;

/// <summary>The API host with low limits, so a test can reach them.</summary>
public sealed class RateLimitedApiFactory : HostFactory<Program>
{
    public const int SignInsPerMinute = 3;
    public const int PartnerCallsPerMinute = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:SignInPerMinute", SignInsPerMinute.ToString());
        builder.UseSetting("RateLimits:PartnerApiPerMinute", PartnerCallsPerMinute.ToString());
    }
}

public sealed class RateLimitTests(RateLimitedApiFactory api) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task SigningIn_TooOftenFromOneAddress_Is429WithWhenToTryAgain()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);
        var client = api.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedApiFactory.SignInsPerMinute + 1; i++)
        {
            answers.Add((await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = "not the password", code = "123456" })).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password, code = account.NextCode(api.Clock.GetUtcNow()) });

        // Other tests in this class may have used some of this minute's tries from the same address.
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.All(answers.TakeWhile(a => a != HttpStatusCode.TooManyRequests), a => Assert.Equal(HttpStatusCode.Unauthorized, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says how long to wait");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Too many requests", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task ThePartnerApi_LimitsEachKeyOnItsOwn()
    {
        var admin = await api.CreateAccountAsync(Roles.Admin);
        var adminClient = api.CreateClient();
        adminClient.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(api, adminClient, admin));
        var busy = await PartnerAsync(adminClient, (await api.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Police)).AgencyId);
        var quiet = await PartnerAsync(adminClient, (await api.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Housing)).AgencyId);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedApiFactory.PartnerCallsPerMinute + 1; i++)
        {
            answers.Add((await busy.GetAsync("/api/shared/people")).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, RateLimitedApiFactory.PartnerCallsPerMinute).Append(HttpStatusCode.TooManyRequests), answers);
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/api/shared/people")).StatusCode);
    }

    internal static async Task<string> TokenAsync(HostFactory<Program> host, HttpClient client, StaffAccount account) =>
        (await (await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password, code = account.NextCode(host.Clock.GetUtcNow()) }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

    private async Task<HttpClient> PartnerAsync(HttpClient admin, AgencyId agency)
    {
        var created = await (await admin.PostAsJsonAsync($"/api/agencies/{agency}/api-keys", new { name = "Their system" })).Content.ReadFromJsonAsync<JsonElement>();
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());
        return client;
    }
}
