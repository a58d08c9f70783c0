using System.Net;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Access;
using Locality.Testing;
using Locality.Web.Controllers;
using Locality.Web.Tests.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Locality.Web.Tests.Browser;

/// <summary>
/// Passkeys in real Chromium, with DevTools' virtual authenticator standing in for a phone's or laptop's (it checks
/// the person, and keeps passkeys the browser can offer without being told whose). WebAuthn needs the site to be a
/// domain name, so these journeys browse http://localhost rather than 127.0.0.1.
/// </summary>
public sealed class PasskeyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task APasskeyAdded_OnYourSignIn_SignsInAlone_AndTheAuditSaysPasskey()
    {
        var account = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        await using var journey = await StartWithAuthenticatorAsync();

        await SignInWithPasswordAsync(journey, account);
        await AddPasskeyAsync(journey, "Work phone");
        await Assertions.Expect(journey.Page.Locator(".govuk-notification-banner")).ToContainTextAsync("The passkey Work phone is added");
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Table)).ToContainTextAsync("Work phone");

        await journey.ClickAsync("Sign out", AriaRole.Button);
        await journey.GotoAsync(PasskeysController.SignInPath);
        await journey.ClickAndWaitForNextPageAsync(journey.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }));

        Assert.Equal("/", new Uri(journey.Page.Url).AbsolutePath);
        await Assertions.Expect(journey.Page.Locator(".locality-account")).ToContainTextAsync(account.DisplayName);
        Assert.Equal([SignInMethod.Passkey], await AuditedMethodsAsync(journey, account));
    }

    [Fact]
    public async Task WithoutJavaScript_ThePasskeyButtonIsNotShown_AndThePageSaysWhy()
    {
        await using var journey = await browser.StartAsync(javaScript: false);

        await journey.GotoAsync(PasskeysController.SignInPath);

        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" })).ToBeHiddenAsync();
        await Assertions.Expect(journey.Page.GetByText("This browser cannot use passkeys here, or JavaScript is turned off.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheSecondStep_WithAnotherAccountsPasskey_IsRefused_AndWithTheirOwn_SignsIn()
    {
        var other = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        var me = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        await using var othersBrowser = await StartWithAuthenticatorAsync();
        await SignInWithPasswordAsync(othersBrowser, other);
        await AddPasskeyAsync(othersBrowser, "Their phone");
        await othersBrowser.ClickAsync("Sign out", AriaRole.Button);
        await using var myBrowser = await StartWithAuthenticatorAsync();
        await SignInWithPasswordAsync(myBrowser, me);
        await AddPasskeyAsync(myBrowser, "My phone");
        await myBrowser.ClickAsync("Sign out", AriaRole.Button);

        // In the other person's browser (holding only their passkey), I do the first step of signing in.
        await BeginSecondStepAsync(othersBrowser, me);
        await othersBrowser.GotoAsync(PasskeysController.SecondStepPath);
        await othersBrowser.Page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey instead" }).ClickAsync();

        var summary = othersBrowser.Page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync(PasskeysController.AnotherAccount);
        await Assertions.Expect(summary).ToBeFocusedAsync();
        Assert.Empty(await Journey.AccessibilityProblemsAsync(othersBrowser.Page, browser.AxeSource));
        var home = await othersBrowser.Page.Context.APIRequest.GetAsync("/", new() { MaxRedirects = 0 });
        Assert.Equal((int)HttpStatusCode.Redirect, home.Status);

        await BeginSecondStepAsync(myBrowser, me);
        await myBrowser.GotoAsync(PasskeysController.SecondStepPath);
        await myBrowser.ClickAndWaitForNextPageAsync(myBrowser.Page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey instead" }));
        Assert.Equal("/", new Uri(myBrowser.Page.Url).AbsolutePath);
        Assert.Equal([SignInMethod.PasswordAndPasskey], await AuditedMethodsAsync(myBrowser, me));
    }

    [Fact]
    public async Task AStoppedAccountsPasskey_IsRefused()
    {
        var account = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        await using var journey = await StartWithAuthenticatorAsync();
        await SignInWithPasswordAsync(journey, account);
        await AddPasskeyAsync(journey, "Work phone");
        await journey.ClickAsync("Sign out", AriaRole.Button);
        await using (var scope = browser.Web.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IIdentityService>().SetSignInAllowedAsync(account.Id, false, CancellationToken.None);
        }

        await journey.GotoAsync(PasskeysController.SignInPath);
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await Assertions.Expect(journey.Page.Locator(".govuk-error-summary")).ToContainTextAsync(PasskeysController.CannotSignIn);
        Assert.Equal(PasskeysController.SignInPath, new Uri(journey.Page.Url).AbsolutePath);
        var home = await journey.Page.Context.APIRequest.GetAsync("/", new() { MaxRedirects = 0 });
        Assert.Equal((int)HttpStatusCode.Redirect, home.Status);
    }

    [Fact]
    public async Task RemovingAPasskey_StopsItSigningIn()
    {
        var account = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        await using var journey = await StartWithAuthenticatorAsync();
        await SignInWithPasswordAsync(journey, account);
        await AddPasskeyAsync(journey, "Old phone");

        await journey.ClickAsync("Remove the passkey Old phone", AriaRole.Button);
        await Assertions.Expect(journey.Page.Locator(".govuk-notification-banner")).ToContainTextAsync("The passkey Old phone is removed");
        await journey.GotoAsync(PasskeysController.AddPath);
        await Assertions.Expect(journey.Page.GetByText("You have not added a passkey.")).ToBeVisibleAsync();
        await journey.ClickAsync("Sign out", AriaRole.Button);

        await journey.GotoAsync(PasskeysController.SignInPath);
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await Assertions.Expect(journey.Page.Locator(".govuk-error-summary")).ToContainTextAsync(PasskeysController.NotKnown);
        Assert.Empty(await Journey.AccessibilityProblemsAsync(journey.Page, browser.AxeSource));
    }

    [Fact]
    public async Task AddingAPasskey_WithoutAName_SaysWhatToDo_AndAddsNothing()
    {
        var account = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        await using var journey = await StartWithAuthenticatorAsync();
        await SignInWithPasswordAsync(journey, account);
        await journey.GotoAsync(PasskeysController.AddPath);

        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();

        var summary = journey.Page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync(PasskeysController.EnterName);
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await summary.GetByRole(AriaRole.Link, new() { Name = PasskeysController.EnterName }).ClickAsync();
        await Assertions.Expect(journey.Page.GetByLabel("Name the passkey")).ToBeFocusedAsync();
        Assert.Empty(await Journey.AccessibilityProblemsAsync(journey.Page, browser.AxeSource));
        Assert.Equal(0, await journey.Page.GetByRole(AriaRole.Table).CountAsync());
    }

    [Fact]
    public async Task ConfirmingItIsYou_WithAPasskey_GoesBackToWhereYouWere()
    {
        var account = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        await using var journey = await StartWithAuthenticatorAsync();
        await SignInWithPasswordAsync(journey, account);
        await AddPasskeyAsync(journey, "Work phone");

        await journey.GotoAsync(PasskeysController.ConfirmPath + "?returnUrl=" + Uri.EscapeDataString("/people"));
        await journey.ClickAndWaitForNextPageAsync(journey.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm with a passkey" }));

        Assert.Equal("/people", new Uri(journey.Page.Url).AbsolutePath);
    }

    // ----- Helpers -----

    /// <summary>The first step of signing in with a password, through the sign-in page: the code page comes next.</summary>
    private static async Task BeginSecondStepAsync(Journey journey, StaffAccount account)
    {
        await journey.GotoAsync("/sign-in");
        await journey.FillAsync("Email address", account.Email);
        await journey.ClickAsync("Continue", AriaRole.Button);
        await journey.FillAsync("Password", account.Password);
        await journey.ClickAsync("Continue", AriaRole.Button);
        Assert.Equal("/sign-in/second-factor", new Uri(journey.Page.Url).AbsolutePath);
    }

    /// <summary>Signs in with the email and password (one place, so it can follow the sign-in pages as they change).</summary>
    private static async Task SignInWithPasswordAsync(Journey journey, StaffAccount account)
    {
        await journey.SignInAsync(account.Email, account.Password);
        Assert.Equal("/", new Uri(journey.Page.Url).AbsolutePath);
    }

    private static async Task AddPasskeyAsync(Journey journey, string name)
    {
        await journey.GotoAsync(PasskeysController.AddPath);
        await journey.FillAsync("Name the passkey", name);
        await journey.ClickAndWaitForNextPageAsync(journey.Page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }));
        Assert.Equal(PasskeysController.AddPath, new Uri(journey.Page.Url).AbsolutePath);
    }

    /// <summary>A journey at http://localhost on the host's port, with a virtual authenticator that checks the person.</summary>
    private async Task<Journey> StartWithAuthenticatorAsync()
    {
        IBrowser chromium;
        await using (var first = await browser.StartAsync())
        {
            chromium = first.Page.Context.Browser!;
        }

        var context = await chromium.NewContextAsync(new()
        {
            BaseURL = $"http://localhost:{browser.Web.BaseAddress.Port}/",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        var page = await context.NewPageAsync();
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable");
        await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return new Journey(page, browser, null);
    }

    /// <summary>Adds a person and opens their record in the journey's session, then says how its audit rows say they signed in.</summary>
    private async Task<List<SignInMethod?>> AuditedMethodsAsync(Journey journey, StaffAccount account)
    {
        var cookies = new CookieContainer();
        foreach (var cookie in await journey.Page.Context.CookiesAsync())
        {
            cookies.Add(browser.Web.BaseAddress, new System.Net.Cookie(cookie.Name, cookie.Value, "/"));
        }

        using var client = new FormClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = browser.Web.BaseAddress });
        return await PasskeyEndpointTests.AuditedMethodsAfterOpeningAPersonAsync(browser.Web, client, account);
    }
}
