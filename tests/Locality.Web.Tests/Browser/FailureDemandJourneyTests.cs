using System.Globalization;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Seeding;
using Locality.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Locality.Web.Tests.Browser;

/// <summary>
/// Issue 5's "done when", in Chromium with axe on every page: a team lead imports the example police file and reads
/// the exact report, imports it again and nothing is stored twice, sees the repeat address; a key worker logs a missed
/// appointment, the team lead reclassifies it; the demo team's before and after and saved-per-£1 ratio, exported.
/// The tests run no job server, so the test runs the waiting imports where the server would.
/// </summary>
public sealed class FailureDemandJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ATeamLead_ImportsThePoliceFile_TwiceWithoutDuplicates_AndSeesTheRepeatAddress()
    {
        var lead = await browser.Web.CreateAccountAsync(Roles.TeamLead);
        var police = await browser.Web.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Police);
        var file = Path.Combine(RepositoryFiles.Root, "docs", "examples", "police-call-outs.csv");
        await using var journey = await browser.StartAsync();
        var page = journey.Page;
        await journey.SignInAsync(lead.Email, lead.Password);
        await journey.GotoAsync("/team");
        await journey.ClickAsync("Demand imports from partners");

        // No agency and no file: both named in the error summary.
        await journey.ClickAsync("Upload and import", AriaRole.Button);
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select the agency the demand fell on");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("The file is empty");

        var reports = new List<string>();
        for (var time = 0; time < 2; time++)
        {
            await journey.GotoAsync("/demand/imports");
            await page.GetByLabel("Which agency did this demand fall on?", new() { Exact = true }).SelectOptionAsync(police.AgencyId.Value.ToString());
            await page.Locator("#File").SetInputFilesAsync(file);
            await journey.ClickAsync("Upload and import", AriaRole.Button);
            await Assertions.Expect(page.Locator("#progress")).ToHaveTextAsync("Waiting to start");
            reports.Add(new Uri(page.Url).AbsolutePath);
            await browser.Web.RunDemandImportsAsync();
            await journey.GotoAsync(reports[^1]);
            await Assertions.Expect(page.Locator("#progress")).ToHaveTextAsync("Finished: 17 of 17 rows done");
        }

        await journey.GotoAsync(reports[0]);
        await Assertions.Expect(page.Locator("#imported")).ToHaveTextAsync("8");
        await Assertions.Expect(page.Locator("#already-seen")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#rejected")).ToHaveTextAsync("8");
        var lines = await page.Locator("#problems tbody tr td:first-child").AllTextContentsAsync();
        Assert.Equal(["7", "8", "9", "10", "11", "14", "15", "17"], lines.Select(l => l.Trim()));
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("uprn '10001A78' is not a UPRN (up to 12 digits, no letters)");

        await journey.GotoAsync(reports[1]);
        await Assertions.Expect(page.Locator("#imported")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#already-seen")).ToHaveTextAsync("9");

        // The file's three call-outs to one UPRN in September and October 2026 top the locality's addresses.
        await journey.GotoAsync($"/team/demand?localityId={await LocalityOfAsync(lead)}&from=2026-09&to=2026-10");
        var top = page.Locator("#top-addresses tbody tr").First;
        await Assertions.Expect(top).ToContainTextAsync("12 Mesnes Street, WN1 1AA, UPRN 100011781234");
        await Assertions.Expect(top).ToContainTextAsync("3");
        await Assertions.Expect(page.Locator("#failure-total")).ToContainTextAsync("5 events");
    }

    [Fact]
    public async Task TheDemoTeam_LogsAMissedAppointment_ReclassifiesIt_AndSeesAndExportsItsBeforeAndAfter()
    {
        await using (var scope = browser.Web.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }

        var yesterday = DateOnly.FromDateTime(browser.Web.Clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var family = "Missed" + Guid.NewGuid().ToString("N")[..4];
        string personDemand;
        await using (var worker = await browser.StartAsync())
        {
            var page = worker.Page;
            await worker.SignInAsync(DemoLocality.SignIns[0].Email, DemoLocality.Password);
            await worker.GotoAsync("/people/new");
            await worker.FillAsync("Given name", "Marion");
            await worker.FillAsync("Family name", family);
            await worker.FillAsync("Day", "2");
            await worker.FillAsync("Month", "3");
            await worker.FillAsync("Year", "1969");
            await worker.ClickAsync("Continue", AriaRole.Button);
            await worker.ClickAsync("Demand on services");
            await worker.ClickAsync("Record demand they told you about");
            await page.GetByLabel("What happened?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "GP appointment" });
            await page.GetByLabel("Which agency did it fall on?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.Locator("input[name='OccurredOn.Day']").FillAsync(yesterday.Day.ToString(CultureInfo.InvariantCulture));
            await page.Locator("input[name='OccurredOn.Month']").FillAsync(yesterday.Month.ToString(CultureInfo.InvariantCulture));
            await page.Locator("input[name='OccurredOn.Year']").FillAsync(yesterday.Year.ToString(CultureInfo.InvariantCulture));
            await page.GetByLabel("Did not attend, no warning (3): missed", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Failure demand: it came back because something was not done, or not done right", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("If failure demand: what kind?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Missed appointment" });
            await worker.ClickAsync("Record it", AriaRole.Button);
            await Assertions.Expect(page.Locator("#demand")).ToContainTextAsync("(missed)");
            personDemand = new Uri(page.Url).AbsolutePath;
        }

        await using var journey = await browser.StartAsync();
        var lead = journey.Page;
        await journey.SignInAsync(DemoLocality.SignIns[1].Email, DemoLocality.Password);
        await journey.GotoAsync(personDemand);
        await journey.ClickAsync("Reclassify GP appointment on " + yesterday.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")));
        await journey.ClickAsync("Reclassify", AriaRole.Button);
        await Assertions.Expect(lead.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why it is being reclassified");
        await lead.GetByLabel("Value demand: the first time this need reached them", new() { Exact = true }).CheckAsync();
        await journey.FillAsync("Why are you changing it?", "The surgery moved the appointment without telling her");
        await journey.ClickAsync("Reclassify", AriaRole.Button);
        await Assertions.Expect(lead.Locator("#demand tbody tr").First).ToContainTextAsync("Was failure (missed appointment)");

        await journey.GotoAsync("/team");
        await journey.ClickAsync("Failure and value demand, before and after, and the saved-per-£1 ratio");
        await Assertions.Expect(lead.Locator("#before-after")).ToBeVisibleAsync();
        var ratio = await lead.Locator("#saved-per-pound h3").TextContentAsync();
        Assert.Matches(@"^£\d+\.\d\d of failure demand avoided for every £1 the service cost$", ratio!.Trim());
        await Assertions.Expect(lead.Locator("#saved-per-pound")).ToContainTextAsync("prices");
        await Assertions.Expect(lead.Locator("details")).ToContainTextAsync("Illustrative demo series");

        var download = await lead.RunAndWaitForDownloadAsync(() => lead.GetByRole(AriaRole.Button, new() { Name = "Export every figure (CSV)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var saved = ratio.Trim()[1..ratio.Trim().IndexOf(' ', StringComparison.Ordinal)];
        Assert.Contains($"failure demand cost avoided per £1 of service cost,{saved},", csv);
        Assert.Contains("before and after,3 months before and after each start,people counted,", csv);
    }

    private async Task<Guid> LocalityOfAsync(StaffAccount lead)
    {
        await using var scope = browser.Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Locality.Infrastructure.Persistence.LocalityDbContext>();
        return db.Teams.Single(t => t.Id == lead.TeamId).LocalityId.Value;
    }
}
