using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Locality.Api.Tests;

/// <summary>The API host with a low limit on calls per caller, and one origin allowed for browsers.</summary>
public sealed class CallerLimitApiFactory : ApiFactory
{
    public const int CallsPerMinute = 12;
    public const string AllowedOrigin = "https://partner-app.example.org";

    public CallerLimitApiFactory()
    {
    }

    private CallerLimitApiFactory(TestDatabase shared)
        : base(shared)
    {
    }

    /// <summary>A second instance over the same database, with the same settings, as behind a load balancer.</summary>
    public CallerLimitApiFactory AnotherInstance() => new(Database);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:ApiPerMinute", CallsPerMinute.ToString());
        builder.UseSetting("Cors:AllowedOrigins:0", AllowedOrigin);
    }
}

public sealed class CallerLimitTests(CallerLimitApiFactory api) : IClassFixture<CallerLimitApiFactory>
{
    [Fact]
    public async Task EveryAnswer_SaysTheCallersLimitAndWhatIsLeft_AndPastItTheAnswerIs429()
    {
        var (worker, _) = await SignedInAsync(Roles.KeyWorker);
        var (other, _) = await SignedInAsync(Roles.KeyWorker);

        var remaining = new List<int>();
        HttpResponseMessage last;
        do
        {
            last = await worker.GetAsync("/api/me");
            if (last.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(CallerLimitApiFactory.CallsPerMinute.ToString(), last.Headers.GetValues("RateLimit-Limit").Single());
                Assert.InRange(int.Parse(last.Headers.GetValues("RateLimit-Reset").Single()), 1, 60);
                remaining.Add(int.Parse(last.Headers.GetValues("RateLimit-Remaining").Single()));
            }
        }
        while (last.StatusCode == HttpStatusCode.OK && remaining.Count <= CallerLimitApiFactory.CallsPerMinute);

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("0", last.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says how long to wait");
        Assert.Equal("Too many requests", (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(remaining.OrderByDescending(r => r), remaining);
        Assert.Equal(0, remaining[^1]);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task TwoInstances_StillAllowTheCallerOneLimit_BetweenThem()
    {
        var (first, _) = await SignedInAsync(Roles.KeyWorker);
        await using var elsewhere = api.AnotherInstance();
        await elsewhere.InitializeAsync();
        var second = elsewhere.CreateClient();
        second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;

        // The caller's calls alternate between the instances, as a load balancer spreads them.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < CallerLimitApiFactory.CallsPerMinute * 2; i++)
        {
            answers.Add((await (i % 2 == 0 ? first : second).GetAsync("/api/me")).StatusCode);
        }

        Assert.Equal(
            Enumerable.Repeat(HttpStatusCode.OK, CallerLimitApiFactory.CallsPerMinute).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, CallerLimitApiFactory.CallsPerMinute)),
            answers);
    }

    [Fact]
    public async Task BrowsersFromAnAllowedOrigin_MayCall_AndFromAnyOtherAreNotLetIn()
    {
        var client = api.CreateClient();
        using var allowed = Preflight(CallerLimitApiFactory.AllowedOrigin);
        using var other = Preflight("https://elsewhere.example.com");

        var allowedAnswer = await client.SendAsync(allowed);
        var otherAnswer = await client.SendAsync(other);

        Assert.Equal(CallerLimitApiFactory.AllowedOrigin, allowedAnswer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(otherAnswer.Headers.Contains("Access-Control-Allow-Origin"), "an origin that is not allowed gets no CORS header");
        Assert.False(allowedAnswer.Headers.Contains("Access-Control-Allow-Credentials"), "cookies are never shared across origins");
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/shared/people");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return request;
    }

    private async Task<(HttpClient Client, StaffAccount Account)> SignedInAsync(string role)
    {
        var account = await api.CreateAccountAsync(role);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await RateLimitTests.TokenAsync(api, client, account));
        return (client, account);
    }
}
