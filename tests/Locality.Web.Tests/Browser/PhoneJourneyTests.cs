using Locality.Application.Common.Security;
using Microsoft.Playwright;

namespace Locality.Web.Tests.Browser;

/// <summary>
/// A key worker's most common jobs on a phone (375 px wide), counted in taps: every press of a link, a button, a
/// choice or a list counts; typing does not. The most each may take is what they took before the pages were
/// redesigned for phones (find a person 3, record a visit 4, a try that did not reach them 3 to 4, a strength and a
/// step owned by the person 4 each), so a redesign can only make them shorter. Every page is checked by axe.
/// </summary>
public sealed class PhoneJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OnAPhone_FindingSomeoneByAMisspeltName_RecordingAVisitATryAStrengthAndTheirOwnStep_TakeNoMoreTapsThanBefore()
    {
        var worker = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        var family = "Rothwell" + Guid.NewGuid().ToString("N")[..4];
        await using var journey = await browser.StartAsync(width: 375, height: 667);
        var page = journey.Page;
        await journey.SignInAsync(worker.Email, worker.Password);

        // Someone already known, with a goal in their plan (set up, not counted).
        await journey.GotoAsync("/people/new");
        await journey.FillAsync("Given name", "Marguerite");
        await journey.FillAsync("Family name", family);
        await journey.FillAsync("Day", "3");
        await journey.FillAsync("Month", "9");
        await journey.FillAsync("Year", "1958");
        await journey.ClickAsync("Continue", AriaRole.Button);
        var personUrl = new Uri(page.Url).AbsolutePath;
        await journey.GotoAsync(personUrl + "/plan/goals/new");
        await journey.FillAsync("What do they want, in their own words?", "I want to go swimming again");
        await journey.ClickAsync("Add the goal", AriaRole.Button);
        await journey.GotoAsync("/");

        var find = new Taps(journey);
        await find.LinkAsync("Find a person");
        await journey.FillAsync("Name", "Margarite " + family);
        await find.ButtonAsync("Search");
        await find.LinkAsync("Marguerite " + family);
        Assert.EndsWith(personUrl, page.Url);
        Assert.True(find.Count <= 3, $"Finding someone took {find.Count} taps");

        var visit = new Taps(journey);
        await visit.ButtonAsync("Record a conversation");
        await visit.CheckAsync("Visit");
        await journey.FillAsync("What did you talk about?", "Talked about the pool at the leisure centre.");
        await visit.ButtonAsync("Save");
        await Assertions.Expect(page.Locator(".locality-timeline")).ToContainTextAsync("Talked about the pool");
        Assert.True(visit.Count <= 4, $"Recording a visit took {visit.Count} taps");

        var attempt = new Taps(journey);
        await attempt.ButtonAsync("Record a try to reach them");
        await attempt.CheckAsync("Phone call");
        await attempt.CheckAsync("Did not reach them");
        await attempt.ButtonAsync("Save");
        await Assertions.Expect(page.Locator(".locality-timeline > li").First).ToContainTextAsync("Tried to reach them: phone call");
        Assert.True(attempt.Count <= 4, $"Recording a try took {attempt.Count} taps");

        var strength = new Taps(journey);
        await strength.LinkAsync("Add a strength");
        await journey.FillAsync("What is it, in their words?", "I swam for the county");
        await strength.CheckAsync("A skill");
        await strength.ButtonAsync("Save");
        Assert.True(strength.Count <= 4, $"Adding a strength took {strength.Count} taps");
        await Assertions.Expect(page.Locator("#strengths li").First).ToContainTextAsync("I swam for the county");
        await Assertions.Expect(page.Locator("#strengths li").First).ToContainTextAsync("A skill, noticed by them");

        var step = new Taps(journey);
        await step.LinkAsync("Add a step towards “I want to go swimming again”");
        await journey.FillAsync("What is the step?", "Ask the leisure centre about the quiet sessions");
        await step.SelectAsync("Whose step is it?", "Marguerite " + family + " themselves");
        await step.ButtonAsync("Save the step");
        Assert.True(step.Count <= 4, $"Adding a step took {step.Count} taps");
        await Assertions.Expect(page.Locator("#goal-0-steps")).ToContainTextAsync("Ask the leisure centre about the quiet sessions");
        await Assertions.Expect(page.Locator("#goal-0-steps [data-label='Who']")).ToContainTextAsync("Them: Marguerite");

        // Nothing on the way was wider than the phone.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The last page scrolls sideways");
    }

    /// <summary>Counts the presses a job takes.</summary>
    private sealed class Taps(Journey journey)
    {
        public int Count { get; private set; }

        public Task LinkAsync(string name) => TapAsync(() => journey.ClickAsync(name));

        public Task ButtonAsync(string name) => TapAsync(() => journey.ClickAsync(name, AriaRole.Button));

        public Task CheckAsync(string label) => TapAsync(() => journey.Page.GetByLabel(label, new() { Exact = true }).CheckAsync());

        public Task SelectAsync(string label, string option) =>
            TapAsync(() => journey.Page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = option }));

        private async Task TapAsync(Func<Task> press)
        {
            Count++;
            await press();
        }
    }
}
