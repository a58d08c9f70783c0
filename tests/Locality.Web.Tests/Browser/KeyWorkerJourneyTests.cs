using System.Text.RegularExpressions;
using Locality.Application.Common.Security;
using Microsoft.Playwright;

namespace Locality.Web.Tests.Browser;

/// <summary>The issue's "done when", tried as a new key worker would, in Chromium, with every page checked by axe.</summary>
public sealed class KeyWorkerJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AKeyWorker_AddsSomeone_RecordsTheirConversation_SeesThemGoQuietAndComeBack_PassesThemOn_AndCorrectsAnEntry()
    {
        var worker = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        var colleague = await browser.Web.CreateAccountAsync(Roles.KeyWorker, inTeam: worker.TeamId);
        var family = "Prescott" + Guid.NewGuid().ToString("N")[..4];
        await using var journey = await browser.StartAsync();
        var page = journey.Page;

        await journey.SignInAsync(worker.Email, worker.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My day" })).ToBeVisibleAsync();

        // Add a person.
        await journey.ClickAsync("Add a person", AriaRole.Button);
        await AddPersonAsync(journey, "Dorothy", family, "Dot", "12", "6", "1961", "Dog in the yard: call before visiting");
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Dot " + family + " added");
        var personUrl = new Uri(page.Url).AbsolutePath;
        await Assertions.Expect(page.Locator("main .govuk-warning-text").First).ToContainTextAsync("Dog in the yard");

        // Try to add her again: stopped, shown the likely match, open the existing record instead.
        await journey.GotoAsync("/people/new");
        await AddPersonAsync(journey, "Dorothy", family, null, "12", "6", "1961", null);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Is this someone already known?");
        await journey.ClickAsync("Dot " + family);
        Assert.EndsWith(personUrl, page.Url);

        // A visit, two tries that do not reach her, and a call that does.
        await journey.ClickAsync("Record a conversation", AriaRole.Button);
        await page.GetByLabel("Visit", new() { Exact = true }).CheckAsync();
        await journey.FillAsync("What did you talk about?", "Met at home. She wants to get back to the bowls club.");
        await journey.FillAsync("Where (optional)", "Her home");
        await journey.ClickAsync("Save", AriaRole.Button);
        for (var i = 0; i < 2; i++)
        {
            browser.Web.Clock.Advance(TimeSpan.FromHours(5));
            await journey.ClickAsync("Record a try to reach them", AriaRole.Button);
            await page.GetByLabel("Phone call", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Did not reach them", new() { Exact = true }).CheckAsync();
            await journey.ClickAsync("Save", AriaRole.Button);
        }

        await Assertions.Expect(page.Locator("#conversation-state")).ToContainTextAsync("2 tries since");
        browser.Web.Clock.Advance(TimeSpan.FromHours(5));
        await journey.ClickAsync("Record a conversation", AriaRole.Button);
        await page.GetByLabel("Phone call", new() { Exact = true }).CheckAsync();
        await journey.FillAsync("What did you talk about?", "She rang back. Bowls club on Thursday.");
        await journey.ClickAsync("Save", AriaRole.Button);
        await Assertions.Expect(page.Locator("#conversation-state")).Not.ToContainTextAsync("tries since");

        // Fifteen days without contact: the daily check marks her quiet; she is on the keep-trying list.
        browser.Web.Clock.Advance(TimeSpan.FromDays(15));
        await browser.Web.RunDailyCheckAsync();
        await journey.SignInAsync(worker.Email, worker.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Keep trying: no contact for a while" })).ToContainTextAsync("Dot " + family);
        await journey.GotoAsync(personUrl);
        await Assertions.Expect(page.Locator("#conversation-state")).ToContainTextAsync("Quiet: keep trying");
        await Assertions.Expect(page.Locator(".locality-timeline")).ToContainTextAsync("Went quiet: no contact for a while");

        // She is reached again: active, and the timeline says so.
        await journey.ClickAsync("Record a conversation", AriaRole.Button);
        await page.GetByLabel("Visit", new() { Exact = true }).CheckAsync();
        await journey.FillAsync("What did you talk about?", "Caught her at the bowls club.");
        await journey.ClickAsync("Save", AriaRole.Button);
        await Assertions.Expect(page.Locator("#conversation-state")).ToContainTextAsync("Active");
        await Assertions.Expect(page.Locator(".locality-timeline")).ToContainTextAsync("Active again");

        // Change the lead key worker.
        await journey.ClickAsync("Change the lead key worker");
        await page.GetByLabel("Who will lead the conversation now?").SelectOptionAsync(new SelectOptionValue { Label = $"{colleague.DisplayName} (Team {worker.Email.Split('.')[1].Split('@')[0]})" });
        await journey.FillAsync("Why (optional)", "Works closer to where she lives");
        await journey.ClickAsync("Continue", AriaRole.Button);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your answers before changing the lead key worker");
        await Assertions.Expect(page.Locator("#what-will-happen")).ToContainTextAsync("You will no longer lead it");
        await journey.ClickAsync("Change the lead key worker", AriaRole.Button);
        await Assertions.Expect(page.Locator("#conversation-state")).ToContainTextAsync(colleague.DisplayName);

        // Pass her on: the page asks why, and shows how often she has been passed on. Who will lead it is asked only
        // once the answer needs it; the answers are checked, and can be changed, before anything is recorded.
        await journey.ClickAsync("Pass them on to another service");
        await Assertions.Expect(page.Locator(".govuk-inset-text")).ToContainTextAsync("no times");
        var whoWillLead = page.GetByLabel("Who will lead it?", new() { Exact = true });
        await Assertions.Expect(whoWillLead).ToBeHiddenAsync();
        await page.GetByLabel("No, someone else will lead it", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(whoWillLead).ToBeVisibleAsync();
        await page.GetByLabel("Yes, the lead keeps it", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(whoWillLead).ToBeHiddenAsync();
        await journey.FillAsync("Who are they being passed on to?", "Falls prevention service");
        await journey.ClickAsync("Continue", AriaRole.Button);
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why they are being passed on");
        await journey.FillAsync("Why is this right for them?", "Two falls this month");
        await journey.ClickAsync("Continue", AriaRole.Button);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your answers before passing them on");
        await journey.ClickAsync("Change why this is right for them", AriaRole.Button);
        await Assertions.Expect(page.GetByLabel("Why is this right for them?", new() { Exact = true })).ToHaveValueAsync("Two falls this month");
        await journey.FillAsync("Why is this right for them?", "Two falls this month; she asked for help with it");
        await journey.ClickAsync("Continue", AriaRole.Button);
        await Assertions.Expect(page.Locator("#what-will-happen")).ToContainTextAsync($"Dot {family} will be passed on to Falls prevention service.");
        await Assertions.Expect(page.Locator("#what-will-happen")).ToContainTextAsync($"{colleague.DisplayName} keeps the conversation");
        await Assertions.Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync("she asked for help with it");
        await journey.ClickAsync("Record the hand-off", AriaRole.Button);
        await Assertions.Expect(page.Locator("#conversation-state")).ToContainTextAsync("Passed on once");

        // Correct an entry: the original stays visible.
        await journey.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^Correct this entry\W+Visit") }).Last);
        await journey.FillAsync("Why does it need correcting?", "Wrong club named");
        await journey.FillAsync("The corrected entry", "Met at home. She wants to get back to the walking group.");
        await journey.ClickAsync("Save correction", AriaRole.Button);
        var corrected = page.Locator(".locality-timeline li").Filter(new() { HasText = "walking group" });
        await Assertions.Expect(corrected).ToContainTextAsync("Corrected once");
        await corrected.Locator("summary").ClickAsync();
        await Assertions.Expect(corrected.Locator("details")).ToContainTextAsync("bowls club");

        Assert.True(journey.CheckedPages.Count > 20, $"axe checked {journey.CheckedPages.Count} pages");
    }

    [Fact]
    public async Task WithoutJavaScript_PassingSomeoneOnToANewLead_AsksWhoWillLeadBeneathItsAnswer_AndChecksFirst()
    {
        var worker = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        var colleague = await browser.Web.CreateAccountAsync(Roles.KeyWorker, inTeam: worker.TeamId);
        var family = "Ashworth" + Guid.NewGuid().ToString("N")[..4];
        await using var journey = await browser.StartAsync(javaScript: false, width: 375, height: 740);
        var page = journey.Page;
        await journey.SignInAsync(worker.Email, worker.Password);
        await journey.GotoAsync("/people/new");
        await AddPersonAsync(journey, "Maureen", family, null, "3", "9", "1950", null);
        var personUrl = new Uri(page.Url).AbsolutePath;

        await journey.ClickAsync("Pass them on to another service");
        var whoWillLead = page.GetByLabel("Who will lead it?", new() { Exact = true });
        await Assertions.Expect(whoWillLead).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#NewLeadWorkerId-hint")).ToHaveTextAsync("Only if someone else will lead it.");
        await journey.FillAsync("Who are they being passed on to?", "Memory clinic");
        await journey.FillAsync("Why is this right for them?", "Her daughter asked for a memory assessment");
        await page.GetByLabel("No, someone else will lead it", new() { Exact = true }).CheckAsync();
        var colleagueValue = await whoWillLead.Locator("option", new() { HasTextString = colleague.DisplayName }).First.GetAttributeAsync("value");
        await whoWillLead.SelectOptionAsync(colleagueValue!);
        await journey.ClickAsync("Continue", AriaRole.Button);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your answers before passing them on");
        await Assertions.Expect(page.Locator("#what-will-happen")).ToContainTextAsync("will lead the conversation from now");
        await Assertions.Expect(page.Locator("#what-will-happen")).ToContainTextAsync("You will no longer lead it");
        await journey.ClickAsync("Record the hand-off", AriaRole.Button);
        Assert.EndsWith(personUrl, new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("#conversation-state")).ToContainTextAsync("Passed on once");
        await Assertions.Expect(page.Locator("#conversation-state")).ToContainTextAsync(colleague.DisplayName);
    }

    private static async Task AddPersonAsync(Journey journey, string given, string family, string? preferred, string day, string month, string year, string? safety)
    {
        await journey.FillAsync("Given name", given);
        await journey.FillAsync("Family name", family);
        if (preferred is not null)
        {
            await journey.FillAsync("The name they like to be called (optional)", preferred);
        }

        await journey.FillAsync("Day", day);
        await journey.FillAsync("Month", month);
        await journey.FillAsync("Year", year);
        await journey.FillAsync("Postcode (optional)", "wn5 0ab");
        if (safety is not null)
        {
            await journey.FillAsync("Safety notes for workers (optional)", safety);
        }

        await journey.ClickAsync("Continue", AriaRole.Button);
    }
}
