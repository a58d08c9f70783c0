using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Locality.Api.Tests;

/// <summary>
/// The API host given several database hosts (as it is behind a primary and standbys) while none of them is yet a
/// primary it may write to, as for the seconds a standby is being promoted.
/// </summary>
public sealed class NoPrimaryApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var connection = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        var host = $"{connection.Host}:{connection.Port}";

        // Both names reach a primary, and the host is told to want a standby: no host is suitable, as during a failover.
        connection.Host = $"{host},{host}";
        connection.TargetSessionAttributes = "standby";
        builder.UseSetting("ConnectionStrings:Locality", connection.ConnectionString);
    }
}

public sealed class NoPrimaryTests(NoPrimaryApiFactory api) : IClassFixture<NoPrimaryApiFactory>
{
    [Fact]
    public async Task WhileNoHostIsAPrimary_CallsAre503WithRetryAfter_Never500()
    {
        var client = api.CreateClient();

        var signIn = await client.PostAsJsonAsync("/api/auth/token", new { email = "someone@example.org", password = "a password long enough", code = "123456" });
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
        Assert.True(signIn.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to try again");
        Assert.Equal("application/problem+json", signIn.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }
}
