using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Locality.Api.Tests;

/// <summary>The API host told which host names it answers to.</summary>
public sealed class PinnedHostsApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("AllowedHosts", "api.locality.example.gov.uk;127.0.0.1");
    }
}

public sealed class HostHeaderTests(PinnedHostsApiFactory api) : IClassFixture<PinnedHostsApiFactory>
{
    [Fact]
    public async Task ARequestForAnotherHostName_IsRefused_AndAConfiguredOneIsServed()
    {
        var client = api.CreateClient();
        var elsewhere = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        elsewhere.Headers.Host = "evil.example";
        var ours = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        ours.Headers.Host = "api.locality.example.gov.uk";

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(elsewhere)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ours)).StatusCode);
    }

    [Fact]
    public async Task NoAnswerNamesTheServer()
    {
        var client = api.CreateClient();

        var healthy = await client.GetAsync("/health/live");
        var refused = await client.GetAsync("/api/me");

        Assert.False(healthy.Headers.Contains("Server"));
        Assert.False(refused.Headers.Contains("Server"));
    }
}
