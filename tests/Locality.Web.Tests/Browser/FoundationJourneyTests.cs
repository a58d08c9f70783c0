using Locality.Application.Common.Security;
using Microsoft.Playwright;

namespace Locality.Web.Tests.Browser;

public sealed class FoundationJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_SignsIn_FixesAMistake_AndAddsALocality()
    {
        var admin = await browser.Web.CreateAccountAsync(Roles.Admin);
        await using var journey = await browser.StartAsync();

        await journey.GotoAsync("/");
        Assert.EndsWith("/sign-in?ReturnUrl=%2F", journey.Page.Url);
        await journey.SignInHereAsync(admin.Email, admin.Password);
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(admin.DisplayName);

        await journey.ClickAsync("Administration");
        await journey.ClickAsync("Localities");
        await journey.ClickAsync("Add a locality", AriaRole.Button);
        await journey.ClickAsync("Add locality", AriaRole.Button);

        var summary = journey.Page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Enter a name");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await summary.GetByRole(AriaRole.Link, new() { Name = "Enter a name" }).ClickAsync();
        await Assertions.Expect(journey.Page.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();

        var name = $"Pemberton {Guid.NewGuid():N}"[..18];
        await journey.FillAsync("Name", name);
        await journey.ClickAsync("Add locality", AriaRole.Button);
        await Assertions.Expect(journey.Page.Locator(".govuk-notification-banner")).ToContainTextAsync($"{name} added");
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Table)).ToContainTextAsync(name);
    }

    [Fact]
    public async Task EveryRole_CanSignIn_AndSeesOnlyItsOwnNavigation()
    {
        foreach (var role in Roles.ForPeople)
        {
            var account = await browser.Web.CreateAccountAsync(role);
            await using var journey = await browser.StartAsync();

            await journey.SignInAsync(account.Email, account.Password);

            var navigation = journey.Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
            if (role == Roles.Admin)
            {
                await Assertions.Expect(navigation).ToContainTextAsync("Administration");
            }
            else
            {
                await Assertions.Expect(navigation).Not.ToContainTextAsync("Administration");
            }

            await journey.ClickAsync("Sign out", AriaRole.Button);
            await Assertions.Expect(journey.Page.Locator(".govuk-notification-banner")).ToContainTextAsync("You have signed out");
        }
    }

    [Fact]
    public async Task WithJavaScriptTurnedOff_OnAPhone_SigningInNavigationAndFormsStillWork()
    {
        var admin = await browser.Web.CreateAccountAsync(Roles.Admin);
        await using var journey = await browser.StartAsync(javaScript: false, width: 375, height: 740);

        await journey.SignInAsync(admin.Email, admin.Password);
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).Not.ToBeVisibleAsync();
        await journey.ClickAsync("Administration");
        await journey.ClickAsync("Teams");
        await journey.ClickAsync("Add a team", AriaRole.Button);
        await journey.ClickAsync("Add team", AriaRole.Button);

        await Assertions.Expect(journey.Page.Locator(".govuk-error-summary")).ToContainTextAsync("Select the agency the team belongs to");
        await Assertions.Expect(journey.Page.Locator(".govuk-error-summary")).Not.ToBeFocusedAsync();
    }

    [Fact]
    public async Task OnAPhone_TheMenuFoldsAwayBehindAButton()
    {
        var admin = await browser.Web.CreateAccountAsync(Roles.Admin);
        await using var journey = await browser.StartAsync(width: 375, height: 740);
        await journey.SignInAsync(admin.Email, admin.Password);

        var menu = journey.Page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).Not.ToBeVisibleAsync();

        await menu.ClickAsync();

        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheFirstThingAKeyboardReaches_IsTheSkipLink()
    {
        await using var journey = await browser.StartAsync();
        await journey.GotoAsync("/accessibility");

        await journey.Page.Keyboard.PressAsync("Tab");

        var focused = await journey.Page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");
        Assert.Equal("Skip to main content", focused);
    }

    [Fact]
    public async Task TheAccessibilityCheck_CatchesAProblem_WhenThereIsOne()
    {
        await using var journey = await browser.StartAsync();
        await journey.GotoAsync("/accessibility");
        await journey.Page.EvaluateAsync("() => { const input = document.createElement('input'); input.type = 'text'; document.querySelector('main').append(input); }");

        var failure = await Assert.ThrowsAnyAsync<Exception>(journey.CheckPageAsync);

        Assert.Contains("label", failure.Message);
    }
}
