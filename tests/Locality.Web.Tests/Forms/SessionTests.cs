using System.Net;
using AngleSharp.Html.Parser;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Infrastructure.Identity;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Web.Tests.Forms;

/// <summary>The web host with a password hasher that counts how often a password is checked.</summary>
public sealed class CountingHasherWebFactory : WebFactory
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<ApplicationUser>>(Hasher));
    }
}


/// <summary>
/// A web session ends at once when the person signs out or is stopped (a copied cookie too), signing in costs the
/// same work whoever is named, and behind the TLS proxy the cookies are Secure and no redirect repeats the Host header.
/// </summary>
public sealed class SessionTests(CountingHasherWebFactory web) : IClassFixture<CountingHasherWebFactory>
{
    [Fact]
    public async Task SigningOut_EndsTheSession_ForACopyOfTheCookieToo()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        var jar = new CookieContainer();
        using var client = ClientWith(jar);
        await web.SignInAsync(client, account.Email, account.Password);
        var copyJar = new CookieContainer();
        copyJar.Add(jar.GetAllCookies());
        using var copy = ClientWith(copyJar);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/")).Status);
        var home = await client.GetAsync("/");
        var token = home.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>(".locality-account input[name=__RequestVerificationToken]")!.Value;

        var signedOut = await client.PostAsync("/sign-out", [new("__RequestVerificationToken", token)]);
        var copied = await copy.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Equal(HttpStatusCode.Redirect, copied.Status);
        Assert.StartsWith("/sign-in", copied.Response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AStoppedAccount_IsSignedOutAtItsNextPage_NotAMinuteLater()
    {
        var (client, account) = await web.SignedInAccountAsync(Roles.KeyWorker);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).Status);
        await using (var scope = web.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IIdentityService>().SetSignInAllowedAsync(account.Id, false, CancellationToken.None);
        }

        var next = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, next.Status);
        Assert.StartsWith("/sign-in", next.Response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_ForAnUnknownEmail_ChecksAPasswordHash_JustAsForAKnownOne()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var client = web.NewClient();

        var before = web.Hasher.Verified;
        var unknown = await client.SubmitAsync("/sign-in", new() { ["Email"] = $"nobody.{Guid.NewGuid():N}@test.locality", ["Password"] = "not the password" });
        var afterUnknown = web.Hasher.Verified;
        var wrong = await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = "not the password" });
        var afterWrong = web.Hasher.Verified;

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, afterWrong - afterUnknown);
    }

    [Fact]
    public async Task BehindTheTlsProxy_TheAntiForgeryAndSignInCookiesAreSecure_AndHstsIsSent()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = web.BaseAddress };

        var form = await http.SendAsync(ViaProxy(HttpMethod.Get, "/sign-in"));
        var antiforgery = Assert.Single(SetCookies(form), c => c.StartsWith("locality-antiforgery=", StringComparison.Ordinal));
        var token = new HtmlParser().ParseDocument(await form.Content.ReadAsStringAsync())
            .QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = ViaProxy(HttpMethod.Post, "/sign-in");
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        post.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Email", account.Email), new("Password", account.Password)]);
        var signedIn = await http.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", antiforgery.Split(';').Select(p => p.Trim().ToLowerInvariant()));
        // The password step's cookie (who is between the two steps of signing in) is kept to https as the session's is.
        var session = Assert.Single(SetCookies(signedIn), c => c.StartsWith("Identity.TwoFactorUserId=", StringComparison.Ordinal));
        Assert.Contains("secure", session.Split(';').Select(p => p.Trim().ToLowerInvariant()));
        Assert.Equal("max-age=31536000; includeSubDomains", form.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task NoAnswerNamesTheServer_AndTheSignInRedirectNeverRepeatsTheHostHeader()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = web.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/teams");
        request.Headers.Host = "evil.example";

        var redirect = await http.SendAsync(request);
        var page = await http.GetAsync("/sign-in");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/sign-in?ReturnUrl=%2Fadmin%2Fteams", redirect.Headers.Location!.OriginalString);
        Assert.False(redirect.Headers.Contains("Server"));
        Assert.False(page.Headers.Contains("Server"));
    }

    private FormClient ClientWith(CookieContainer jar) =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = jar }) { BaseAddress = web.BaseAddress });

    /// <summary>A request as the TLS-terminating proxy (on loopback, which the host believes) passes it on.</summary>
    private static HttpRequestMessage ViaProxy(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Host = "locality.example.gov.uk";
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}

/// <summary>The web host told which host names it answers to: any other Host header is refused before anything runs.</summary>
public sealed class PinnedHostsWebFactory : WebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("AllowedHosts", "locality.example.gov.uk;127.0.0.1");
    }
}

public sealed class AllowedHostsTests(PinnedHostsWebFactory web) : IClassFixture<PinnedHostsWebFactory>
{
    [Fact]
    public async Task ARequestForAnotherHostName_IsRefused_AndAConfiguredOneIsServed()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = web.BaseAddress };
        var elsewhere = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        elsewhere.Headers.Host = "evil.example";
        var ours = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        ours.Headers.Host = "locality.example.gov.uk";

        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(elsewhere)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(ours)).StatusCode);
    }
}
