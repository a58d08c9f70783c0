using System.Net;
using Locality.Application.Common.Security;
using Locality.Infrastructure.Identity;
using Locality.Testing;
using Locality.Web.Controllers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Web.Tests.Forms;

/// <summary>
/// The second step of signing in, through the real Identity pipeline and the real host: codes computed here from the
/// account's authenticator key on the host's clock, as the worker's app computes them.
/// </summary>
public sealed class SecondFactorTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task APasswordAlone_StartsNoSession_TheCodePageComesFirst()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var client = web.NewClient();

        var password = await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        var home = await client.GetAsync("/");
        var codePage = await client.GetAsync("/sign-in/second-factor");

        Assert.Equal("/sign-in/second-factor", password.Response.Headers.Location?.ToString());
        Assert.Equal("/sign-in?ReturnUrl=%2F", home.Response.Headers.Location?.ToString());
        Assert.Equal("Enter the code from your authenticator app", codePage.Heading);
    }

    [Fact]
    public async Task TheCodePage_WithoutThePasswordFirst_SendsYouToSignIn()
    {
        using var client = web.NewClient();

        var page = await client.GetAsync("/sign-in/second-factor");
        var recovery = await client.GetAsync("/sign-in/recovery-code");
        var setUp = await client.GetAsync("/sign-in/set-up");

        Assert.Equal("/sign-in", page.Response.Headers.Location?.ToString());
        Assert.Equal("/sign-in", recovery.Response.Headers.Location?.ToString());
        Assert.Equal("/sign-in", setUp.Response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task FiveWrongCodes_LockTheAccount_SoEvenTheRightCodeIsRefused()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var client = web.NewClient();
        await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        var answers = new List<Page>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await client.SubmitAsync("/sign-in/second-factor", new() { ["Code"] = account.WrongCode(web.Clock.GetUtcNow()) }));
        }

        var right = await client.SubmitAsync("/sign-in/second-factor", new() { ["Code"] = account.NextCode(web.Clock.GetUtcNow()) });

        Assert.All(answers.Take(4), a => Assert.Equal([SecondFactorController.WrongCode], a.ErrorSummary));
        Assert.Equal([SecondFactorController.Locked], answers[4].ErrorSummary);
        Assert.Equal(HttpStatusCode.BadRequest, right.Status);
        Assert.Equal([SecondFactorController.Locked], right.ErrorSummary);
        Assert.Equal("/sign-in?ReturnUrl=%2F", (await client.GetAsync("/")).Response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task ACodeUsedOnce_IsRefusedTheSecondTime_EvenFromAnotherBrowser()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        var code = account.NextCode(web.Clock.GetUtcNow());
        using var first = web.NewClient();
        using var second = web.NewClient();
        await first.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        await second.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });

        var used = await first.SubmitAsync("/sign-in/second-factor", new() { ["Code"] = code });
        var again = await second.SubmitAsync("/sign-in/second-factor", new() { ["Code"] = code });

        Assert.Equal("/", used.Response.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal([SecondFactorController.UsedCode], again.ErrorSummary);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("abcdef")]
    [InlineData("1234567890123456789012345678901234567890")]
    public async Task ACodeThatIsNoCode_IsAFieldError_AndSignsNothingIn(string code)
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var client = web.NewClient();
        await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });

        var page = await client.SubmitAsync("/sign-in/second-factor", new() { ["Code"] = code });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotEmpty(page.ErrorSummary);
        Assert.Equal(["#Code"], page.ErrorSummaryLinks);
        Assert.Equal("/sign-in?ReturnUrl=%2F", (await client.GetAsync("/")).Response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task ACodeWithAHiddenCharacter_IsRefused_AndSignsNothingIn()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        using var client = web.NewClient();
        await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });

        var page = await client.SubmitAsync("/sign-in/second-factor", new() { ["Code"] = "12\u00003456" });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("/sign-in?ReturnUrl=%2F", (await client.GetAsync("/")).Response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task ALostAuthenticator_ARecoveryCodeSignsInOnce_AndNeverAgain()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        var codes = await RecoveryCodesAsync(account);
        using var first = web.NewClient();
        await first.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        var used = await first.SubmitAsync("/sign-in/recovery-code", new() { ["Code"] = codes[0] });
        var mine = await first.GetAsync("/account/sign-in");
        using var second = web.NewClient();
        await second.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });

        var again = await second.SubmitAsync("/sign-in/recovery-code", new() { ["Code"] = codes[0] });

        Assert.Equal("/account/sign-in", used.Response.Headers.Location?.ToString());
        Assert.Equal("Password and recovery code", mine.Document.QuerySelector("#signed-in-with")!.TextContent.Trim());
        Assert.Contains($"You have {SecondFactors.RecoveryCodeCount - 1} recovery codes left", mine.Document.QuerySelector("#recovery-codes-left")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal([SecondFactorController.WrongRecoveryCode], again.ErrorSummary);
    }

    [Fact]
    public async Task YourSignIn_SaysHowYouSignedIn_AndNewRecoveryCodesReplaceTheOld()
    {
        var (client, account) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var old = await RecoveryCodesAsync(account);

        var page = await client.GetAsync("/account/sign-in");
        var made = await client.SubmitAsync(page, "/account/sign-in", new(), "form[action='/account/sign-in/recovery-codes']");
        using var other = web.NewClient();
        await other.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        var oldCode = await other.SubmitAsync("/sign-in/recovery-code", new() { ["Code"] = old[0] });
        var newCode = await other.SubmitAsync("/sign-in/recovery-code", new() { ["Code"] = made.Document.QuerySelector("#recovery-codes li")!.TextContent.Trim() });

        Assert.Equal("Password and authenticator app", page.Document.QuerySelector("#signed-in-with")!.TextContent.Trim());
        Assert.Equal(SecondFactors.RecoveryCodeCount, made.Document.QuerySelectorAll("#recovery-codes li").Length);
        Assert.Equal(HttpStatusCode.BadRequest, oldCode.Status);
        Assert.Equal("/account/sign-in", newCode.Response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SettingUpWithASecretThatWasTamperedWith_IsRefused_AndKeepsNothing()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        await using (var scope = web.Services.CreateAsyncScope())
        {
            // An account with no second factor yet: as an administrator makes one.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByIdAsync(account.Id.Value.ToString());
            await users.SetTwoFactorEnabledAsync(user!, false);
            await users.RemoveAuthenticationTokenAsync(user!, "[AspNetUserStore]", "AuthenticatorKey");
        }

        using var client = web.NewClient();
        var password = await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        var setUp = await client.GetAsync("/sign-in/set-up");
        var key = setUp.Document.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", string.Empty).ToUpperInvariant();
        var tampered = await client.SubmitAsync(setUp, "/sign-in/set-up", new()
        {
            ["SealedSecret"] = "not-a-sealed-secret",
            ["Code"] = SecondFactors.CodeNow(key, web.Clock.GetUtcNow()),
        }, AuthenticatorForm);
        var wrong = await client.SubmitAsync(setUp, "/sign-in/set-up", new() { ["Code"] = "000000" == SecondFactors.CodeNow(key, web.Clock.GetUtcNow()) ? "111111" : "000000" }, AuthenticatorForm);

        Assert.Equal("/sign-in/set-up", password.Response.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, tampered.Status);
        Assert.Equal(["The set-up has expired. Scan the new QR code and enter the code it shows."], tampered.ErrorSummary);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        await using var check = web.Services.CreateAsyncScope();
        var stored = check.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Null(await stored.GetAuthenticatorKeyAsync((await stored.FindByIdAsync(account.Id.Value.ToString()))!));
    }

    private const string AuthenticatorForm = "form[action='/sign-in/set-up']";

    private async Task<IReadOnlyList<string>> RecoveryCodesAsync(StaffAccount account)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(account.Id.Value.ToString());
        return await scope.ServiceProvider.GetRequiredService<SecondFactors>().NewRecoveryCodesAsync(user!);
    }
}
