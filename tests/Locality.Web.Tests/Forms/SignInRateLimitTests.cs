using System.Net;
using Locality.Application.Common.Security;
using Microsoft.AspNetCore.Hosting;

namespace Locality.Web.Tests.Forms;

/// <summary>The web host with a low sign-in limit, so a test can reach it.</summary>
public sealed class RateLimitedWebFactory : WebFactory
{
    public const int SignInsPerMinute = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:SignInPerMinute", SignInsPerMinute.ToString());
    }
}

public sealed class SignInRateLimitTests(RateLimitedWebFactory web) : IClassFixture<RateLimitedWebFactory>
{
    [Fact]
    public async Task TryingPasswordsTooOften_ShowsTooManyTries_AndRefusesEvenTheRightOne()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var client = web.NewClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedWebFactory.SignInsPerMinute; i++)
        {
            answers.Add((await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = $"guess {i}" })).Status);
        }

        var refused = await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("Too many tries", refused.Heading);
        Assert.True(refused.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says how long to wait");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sign-in")).Status);
    }
}
