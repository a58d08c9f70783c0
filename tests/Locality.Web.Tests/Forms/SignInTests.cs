using System.Net;
using Locality.Application.Common.Security;
using Locality.Web.Controllers;

namespace Locality.Web.Tests.Forms;

public sealed class SignInTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task SignIn_WithTheRightPassword_TakesYouHome_WithYourNameInTheHeader()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var client = web.NewClient();

        await web.SignInAsync(client, account.Email, account.Password);
        var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains(account.DisplayName, home.Document.QuerySelector(".locality-account")!.TextContent);
        Assert.Contains("Key worker", home.Document.QuerySelector(".locality-account")!.TextContent);
    }

    [Fact]
    public async Task SignIn_WithAWrongPasswordOrAnUnknownEmail_ShowsTheSameErrorSummary()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var client = web.NewClient();

        var wrong = await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = "wrong password" });
        var unknown = await client.SubmitAsync("/sign-in", new() { ["Email"] = "nobody@test.locality", ["Password"] = "wrong password" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal([AccountController.SignInProblem], wrong.ErrorSummary);
        Assert.Equal(wrong.ErrorSummary, unknown.ErrorSummary);
        Assert.StartsWith("Error: ", wrong.Title);
        Assert.Equal(string.Empty, wrong.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Password")!.Value);
    }

    [Fact]
    public async Task SignIn_WithEmptyFields_NamesEachFieldAndLinksToIt()
    {
        using var client = web.NewClient();

        var page = await client.SubmitAsync("/sign-in", new() { ["Email"] = "", ["Password"] = "" });
        var asked = await client.SubmitAsync("/sign-in", new() { ["Email"] = "someone@test.locality" });
        var noPassword = await client.SubmitAsync(asked, "/sign-in", new() { ["Email"] = "someone@test.locality", ["Password"] = "" });

        Assert.Equal(["Enter your email address"], page.ErrorSummary);
        Assert.Equal(["#Email"], page.ErrorSummaryLinks);
        Assert.Equal("Enter your email address", page.FieldError("Email"));
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.NotNull(asked.Document.QuerySelector("input#Password[type=password]"));
        Assert.Equal(["Enter your password"], noPassword.ErrorSummary);
        Assert.Equal(["#Password"], noPassword.ErrorSummaryLinks);
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_RefusesEvenTheRightOne()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var client = web.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = $"guess {i}" });
        }

        var right = await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });

        Assert.Equal(HttpStatusCode.BadRequest, right.Status);
        Assert.Equal([AccountController.SignInProblem], right.ErrorSummary);
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiForgeryToken_IsRefusedWith400()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var client = web.NewClient();

        var forged = await client.PostAsync("/sign-in", [new("Email", account.Email), new("Password", account.Password)]);

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal("There is a problem with what was sent", forged.Heading);
        Assert.Null(forged.Response.Headers.Location);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = await web.SignedInClientAsync(Roles.KeyWorker);
        var home = await client.GetAsync("/");
        var token = home.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>(".locality-account input[name=__RequestVerificationToken]")!.Value;

        var signedOut = await client.PostAsync("/sign-out", [new("__RequestVerificationToken", token)]);
        var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/sign-in", after.Response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task APageThatNeedsSigningIn_SendsYouToSignIn_AndBackAfterwards()
    {
        var account = await web.CreateAccountAsync(Roles.Admin);
        using var client = web.NewClient();

        var first = await client.GetAsync("/admin/teams");
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        var signInUrl = first.Response.Headers.Location!.OriginalString;

        var password = await client.SubmitAsync(signInUrl, new() { ["Email"] = account.Email, ["Password"] = account.Password });
        var signedIn = await client.SubmitAsync(password.Response.Headers.Location!.OriginalString, new() { ["Code"] = await web.NextCodeAsync(account.Email) });

        Assert.Equal("/sign-in/second-factor?returnUrl=%2Fadmin%2Fteams", password.Response.Headers.Location!.OriginalString);
        Assert.Equal("/admin/teams", signedIn.Response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignIn_NeverRedirectsToAnotherSite()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var client = web.NewClient();

        var password = await client.SubmitAsync("/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        var signedIn = await client.SubmitAsync(password.Response.Headers.Location!.OriginalString, new() { ["Code"] = await web.NextCodeAsync(account.Email) });

        Assert.Equal("/", signedIn.Response.Headers.Location!.ToString());
    }
}
