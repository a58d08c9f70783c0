using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Locality.Api.Tests;

public sealed class HostTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task HealthLive_AnswersWithoutTouchingTheDatabase()
    {
        var response = await api.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthReady_IsHealthy_WhenTheDatabaseAnswersAndIsMigrated()
    {
        var response = await api.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpointsAndBothWaysToAuthenticate()
    {
        var response = await api.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/localities", out _));
        Assert.True(paths.TryGetProperty("/api/auth/token", out _));
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ScalarReference_IsServed()
    {
        var response = await api.CreateClient().GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EveryAnswer_CarriesTheSecurityHeaders_AndAsksNotToBeStored()
    {
        var (worker, _) = await api.SignedInClientAsync(Locality.Application.Common.Security.Roles.KeyWorker);
        var refused = await api.CreateClient().GetAsync("/api/people");
        var answered = await worker.GetAsync("/api/people?name=anyone");
        var invalid = await worker.PostAsJsonAsync("/api/people", new { givenName = "" });
        var missing = await worker.GetAsync($"/api/people/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        foreach (var response in new[] { refused, answered, invalid, missing })
        {
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'none'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.True(response.Headers.CacheControl?.NoStore, "answers about people are not kept by browsers or proxies");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task Hsts_IsSent_OverHttpsFromTheProxy_AndNeverOverPlainHttp()
    {
        var client = api.CreateClient();
        using var overHttps = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        overHttps.Headers.Host = "locality.example.gov.uk";
        overHttps.Headers.Add("X-Forwarded-Proto", "https");
        using var overHttp = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        overHttp.Headers.Host = "locality.example.gov.uk";

        var secure = await client.SendAsync(overHttps);
        var plain = await client.SendAsync(overHttp);

        Assert.Equal("max-age=31536000; includeSubDomains", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "HSTS means nothing over plain HTTP and is not sent");
    }

    [Fact]
    public async Task ScalarReference_LoadsItsScriptFromThisSite_AllowedByItsPolicy()
    {
        var client = api.CreateClient();
        var page = await client.GetAsync("/scalar/v1");
        var html = await page.Content.ReadAsStringAsync();

        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, src => Assert.False(Uri.TryCreate(src, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal), $"{src} is loaded from elsewhere"));
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        foreach (var src in scripts)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(new Uri(api.BaseAddress, "/scalar/v1"), src))).StatusCode);
        }
    }
}
