using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Microsoft.Playwright;

namespace Locality.Web.Tests.Browser;

/// <summary>Recording demand from a person's page, in Chromium, with every page checked by axe.</summary>
public sealed class DemandJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AKeyWorker_RecordsAMissedAppointmentTheyHeardAbout_AndSeesItOnTheTimeline()
    {
        var worker = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        await browser.Web.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Health);
        var family = "Openshaw" + Guid.NewGuid().ToString("N")[..4];
        var yesterday = DateOnly.FromDateTime(browser.Web.Clock.GetUtcNow().UtcDateTime).AddDays(-1);
        await using var journey = await browser.StartAsync();
        var page = journey.Page;
        await journey.SignInAsync(worker.Email, worker.Password);
        await journey.GotoAsync("/people/new");
        await journey.FillAsync("Given name", "Sandra");
        await journey.FillAsync("Family name", family);
        await journey.FillAsync("Day", "5");
        await journey.FillAsync("Month", "6");
        await journey.FillAsync("Year", "1977");
        await journey.ClickAsync("Continue", AriaRole.Button);

        await journey.ClickAsync("Demand on services");
        await journey.ClickAsync("Record demand they told you about");
        await page.GetByLabel("What happened?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "GP appointment" });
        await page.GetByLabel("Which agency did it fall on?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("input[name='OccurredOn.Day']").FillAsync(yesterday.Day.ToString());
        await page.Locator("input[name='OccurredOn.Month']").FillAsync(yesterday.Month.ToString());
        await page.Locator("input[name='OccurredOn.Year']").FillAsync(yesterday.Year.ToString());
        await journey.ClickAsync("Record it", AriaRole.Button);
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Choose whether they attended");

        await page.GetByLabel("Did not attend, no warning (3): missed", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Failure demand: it came back because something was not done, or not done right", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("If failure demand: what kind?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Missed appointment" });
        await journey.ClickAsync("Record it", AriaRole.Button);

        await Assertions.Expect(page.Locator("#demand")).ToContainTextAsync("GP appointment");
        await Assertions.Expect(page.Locator("#demand")).ToContainTextAsync("(missed)");
        await journey.GotoAsync(new Uri(page.Url).AbsolutePath.Replace("/demand", string.Empty, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("GP appointment");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("missed: failure demand: missed appointment");
    }
}
