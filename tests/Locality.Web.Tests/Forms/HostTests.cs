using System.Net;

namespace Locality.Web.Tests.Forms;

public sealed class HostTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task EveryPage_CarriesTheSecurityHeaders_WithNoInlineScriptAllowed()
    {
        using var client = web.NewClient();

        var page = await client.GetAsync("/sign-in");

        var csp = page.Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", page.Response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task TheAccessibilityStatement_IsLinkedFromEveryPage_AndOpenWithoutSigningIn()
    {
        using var client = web.NewClient();
        var signIn = await client.GetAsync("/sign-in");
        var link = signIn.Document.QuerySelector("footer a")!.GetAttribute("href")!;

        var statement = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, statement.Status);
        Assert.Equal("Accessibility statement for Locality", statement.Heading);
    }

    [Fact]
    public async Task HealthReady_ChecksTheDatabase()
    {
        using var client = web.NewClient();

        var response = await client.Http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheGovUkStylesAndScripts_AreServedFromThisSite_WithoutTheGovUkTypeface()
    {
        using var client = web.NewClient();

        var css = await client.Http.GetStringAsync("/css/locality.css");
        var script = await client.Http.GetAsync("/lib/govuk-frontend/govuk-frontend.min.js");

        Assert.Contains(".govuk-button", css);
        Assert.DoesNotContain("GDS Transport", css);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
