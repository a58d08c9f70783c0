using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Locality.Web.Tests.Browser;

/// <summary>The sharing issue's "done when", tried in Chromium by each person involved, with every page checked by axe.</summary>
public sealed class SharingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task APoliceViewer_SeesOnlyWhatIsShared_LosesItWhenConsentIsWithdrawn_AndEveryLookIsOnTheRecord()
    {
        var admin = await browser.Web.CreateAccountAsync(Roles.Admin);
        var worker = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        var teamLead = await browser.Web.CreateAccountAsync(Roles.TeamLead, inTeam: worker.TeamId);
        var outsider = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        var police = await browser.Web.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Police);
        var policeAgency = await AgencyNameAsync(police.AgencyId);
        var family = "Greenhalgh" + Guid.NewGuid().ToString("N")[..4];
        var today = DateOnly.FromDateTime(browser.Web.Clock.GetUtcNow().UtcDateTime);

        // The administrator agrees with the police what they may see: identity and the conversation timeline.
        await using (var journey = await browser.StartAsync())
        {
            await journey.SignInAsync(admin.Email, admin.Password);
            await journey.ClickAsync("Administration");
            await journey.ClickAsync("Sharing agreements");
            await journey.ClickAndWaitForNextPageAsync(journey.Page.Locator($"a[href='/admin/sharing-agreements/{police.AgencyId}']"));
            await journey.Page.GetByLabel("Identity and contact", new() { Exact = true }).CheckAsync();
            await journey.Page.GetByLabel("Conversation timeline", new() { Exact = true }).CheckAsync();
            await journey.Page.GetByLabel("Yes, they may add what they know", new() { Exact = true }).CheckAsync();
            var from = today.AddDays(-30);
            await journey.Page.Locator("input[name='StartsOn.Day']").FillAsync(from.Day.ToString());
            await journey.Page.Locator("input[name='StartsOn.Month']").FillAsync(from.Month.ToString());
            await journey.Page.Locator("input[name='StartsOn.Year']").FillAsync(from.Year.ToString());
            await journey.ClickAsync("Save the agreement", AriaRole.Button);
            await Assertions.Expect(journey.Page.Locator(".govuk-notification-banner")).ToContainTextAsync($"The sharing agreement with {policeAgency} is saved as version 1");
            var row = journey.Page.Locator("#agreements tr", new() { HasText = policeAgency });
            await Assertions.Expect(row).ToContainTextAsync("Identity and contact, Conversation timeline");
            await Assertions.Expect(row).ToContainTextAsync("Yes");
        }

        // The key worker adds two people; one agrees to share with the police, the other is never asked.
        string shared, notShared;
        await using (var journey = await browser.StartAsync())
        {
            await journey.SignInAsync(worker.Email, worker.Password);
            shared = await AddPersonAsync(journey, "Winifred", family);
            await journey.ClickAsync("Add a note", AriaRole.Button);
            await journey.FillAsync("Add a note", "Neighbours say she has not been out for a week");
            await journey.ClickAsync("Save", AriaRole.Button);
            notShared = await AddPersonAsync(journey, "Bernard", family);

            await journey.GotoAsync(shared);
            await journey.ClickAsync("Sharing and consent");
            await journey.ClickAsync("Record their decision about sharing");
            await journey.Page.GetByLabel("Agreed to share", new() { Exact = true }).CheckAsync();
            await journey.Page.GetByLabel(policeAgency, new() { Exact = true }).CheckAsync();
            await journey.Page.GetByLabel("Told us", new() { Exact = true }).CheckAsync();
            await journey.ClickAsync("Record their decision", AriaRole.Button);
            await Assertions.Expect(journey.Page.Locator("#partner-views")).ToContainTextAsync("Identity and contact, Conversation timeline");
        }

        // The police viewer sees Winifred, only the parts agreed, and nothing of Bernard anywhere.
        await using (var journey = await browser.StartAsync())
        {
            await journey.SignInAsync(police.Email, police.Password);
            await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("People shared with your agency");
            var list = journey.Page.Locator("main");
            await Assertions.Expect(list).ToContainTextAsync($"Winifred {family}");
            await Assertions.Expect(list).Not.ToContainTextAsync("Bernard");
            await journey.ClickAsync($"Winifred {family}");
            await Assertions.Expect(journey.Page.Locator("#shared-sections")).ToHaveTextAsync("Shared with you: Identity and contact, Conversation timeline.");
            await Assertions.Expect(journey.Page.Locator("main")).ToContainTextAsync("Neighbours say she has not been out for a week");
            var sharedPage = new Uri(journey.Page.Url).AbsolutePath;

            await journey.GotoAsync($"/shared/{IdOf(notShared)}");
            await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
            await journey.GotoAsync(notShared);
            await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToContainTextAsync("Bernard");

            // Winifred withdraws her agreement; the police lose her at once, on their very next request.
            await using (var keyWorker = await browser.StartAsync())
            {
                await keyWorker.SignInAsync(worker.Email, worker.Password);
                await keyWorker.GotoAsync(shared);
                await keyWorker.ClickAsync("Sharing and consent");
                await keyWorker.ClickAsync("Record their decision about sharing");
                await keyWorker.Page.GetByLabel("Withdrew their agreement", new() { Exact = true }).CheckAsync();
                await keyWorker.Page.GetByLabel(policeAgency, new() { Exact = true }).CheckAsync();
                await keyWorker.Page.GetByLabel("Told us", new() { Exact = true }).CheckAsync();
                await keyWorker.FillAsync("Anything else to note (optional)", "Does not want the police told about our work now");
                await keyWorker.ClickAsync("Record their decision", AriaRole.Button);
                await Assertions.Expect(keyWorker.Page.Locator("#partner-views")).ToContainTextAsync("Withdrew their agreement");
            }

            await journey.GotoAsync(sharedPage);
            await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
            await Assertions.Expect(journey.Page.Locator("main")).Not.ToContainTextAsync("Neighbours");
            await journey.GotoAsync("/shared");
            await Assertions.Expect(journey.Page.Locator("main")).Not.ToContainTextAsync(family);
        }

        // A worker from another team needs her record in an emergency: they must say why.
        await using (var journey = await browser.StartAsync())
        {
            await journey.SignInAsync(outsider.Email, outsider.Password);
            await journey.GotoAsync(shared);
            await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You are not in the team around this person");
            await journey.ClickAsync("Open the record in an emergency", AriaRole.Button);
            await Assertions.Expect(journey.Page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
            await journey.FillAsync("Why do you need to see this record now?", "Found at the bus station confused; need her next of kin");
            await journey.ClickAsync("Open the record in an emergency", AriaRole.Button);
            await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Winifred {family}");
        }

        // Her lead worker sees that, and reads who has seen her record: the police look, the refusal, the emergency.
        await using (var journey = await browser.StartAsync())
        {
            await journey.SignInAsync(worker.Email, worker.Password);
            await journey.GotoAsync(shared);
            await Assertions.Expect(journey.Page.Locator("#emergency-accesses")).ToContainTextAsync(outsider.DisplayName);
            await Assertions.Expect(journey.Page.Locator("#emergency-accesses")).ToContainTextAsync("need her next of kin");
            await journey.ClickAsync("Who has seen this record");
            var log = journey.Page.Locator("#access-log");
            await Assertions.Expect(log).ToContainTextAsync($"{police.DisplayName} ({policeAgency})");
            await Assertions.Expect(log).ToContainTextAsync($"{outsider.DisplayName}");
            await Assertions.Expect(log).ToContainTextAsync("Found at the bus station confused; need her next of kin");
        }

        // The team lead has it to review.
        await using (var journey = await browser.StartAsync())
        {
            await journey.SignInAsync(teamLead.Email, teamLead.Password);
            await journey.ClickAsync("Reviews");
            await Assertions.Expect(journey.Page.Locator("main")).ToContainTextAsync($"Winifred {family}");
            await Assertions.Expect(journey.Page.Locator("main")).ToContainTextAsync(outsider.DisplayName);
        }
    }

    private static string IdOf(string personPath) => personPath.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];

    private static async Task<string> AddPersonAsync(Journey journey, string given, string family)
    {
        await journey.GotoAsync("/people/new");
        await journey.FillAsync("Given name", given);
        await journey.FillAsync("Family name", family);
        await journey.FillAsync("Day", "3");
        await journey.FillAsync("Month", "9");
        await journey.FillAsync("Year", given == "Winifred" ? "1941" : "1950");
        await journey.ClickAsync("Continue", AriaRole.Button);
        await Assertions.Expect(journey.Page.Locator(".govuk-notification-banner")).ToContainTextAsync($"{given} {family} added");
        return new Uri(journey.Page.Url).AbsolutePath;
    }

    private async Task<string> AgencyNameAsync(AgencyId agency)
    {
        await using var scope = browser.Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        return await db.Agencies.Where(a => a.Id == agency).Select(a => a.Name).SingleAsync();
    }
}
