using Locality.Application.Common.Security;
using Microsoft.Playwright;

namespace Locality.Web.Tests.Browser;

/// <summary>Strengths and a plan written with the person, tried in Chromium by a key worker, with every page checked by axe.</summary>
public sealed class PlanJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AKeyWorker_RecordsThreeStrengths_WritesAPlanWithTwoGoalsAndFourSteps_ReviewsIt_AndPrintsThePersonsCopy()
    {
        var worker = await browser.Web.CreateAccountAsync(Roles.KeyWorker);
        var family = "Pilkington" + Guid.NewGuid().ToString("N")[..4];
        var group = "Lunch club " + Guid.NewGuid().ToString("N")[..4];
        await using var journey = await browser.StartAsync();
        var page = journey.Page;
        await journey.SignInAsync(worker.Email, worker.Password);

        // A group for the directory first.
        await journey.ClickAsync("Community groups");
        await journey.ClickAsync("Add a group");
        await journey.FillAsync("Name", group);
        await page.GetByLabel("Locality", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Peer support", new() { Exact = true }).CheckAsync();
        await journey.FillAsync("What does it offer?", "A hot lunch and company, every Wednesday");
        await journey.ClickAsync("Save", AriaRole.Button);
        await Assertions.Expect(page.Locator("#groups")).ToContainTextAsync(group);

        await journey.GotoAsync("/people/new");
        await journey.FillAsync("Given name", "Irene");
        await journey.FillAsync("Family name", family);
        await journey.FillAsync("Day", "2");
        await journey.FillAsync("Month", "2");
        await journey.FillAsync("Year", "1958");
        await journey.ClickAsync("Continue", AriaRole.Button);
        var personPath = new Uri(page.Url).AbsolutePath;

        foreach (var (text, kind, by) in new[]
                 {
                     ("Makes everyone laugh", "A personal quality", "Her neighbour"),
                     ("Grows tomatoes on the balcony", "An interest", "She said"),
                     ("Her grandson Liam visits on Sundays", "Someone in their life", "She said"),
                 })
        {
            await journey.GotoAsync($"{personPath}/plan/strengths/new");
            await journey.FillAsync("What is it, in their words?", text);
            await page.GetByLabel(kind, new() { Exact = true }).CheckAsync();
            await journey.FillAsync("Who noticed it?", by);
            await journey.ClickAsync("Save", AriaRole.Button);
        }

        await Assertions.Expect(page.Locator("#strengths li")).ToHaveCountAsync(3);
        await journey.ClickAsync("Add a goal", AriaRole.Button);
        await journey.FillAsync("What do they want, in their own words?", "I want to stay in my flat");
        await journey.ClickAsync("Add the goal", AriaRole.Button);
        await journey.ClickAsync("Add a goal", AriaRole.Button);
        await journey.FillAsync("What do they want, in their own words?", "I want to see people more");
        await journey.ClickAsync("Add the goal", AriaRole.Button);

        await AddStepAsync(journey, 0, "Open the post every morning", "Irene " + family + " themselves");
        await AddStepAsync(journey, 0, "Ring the landlord about the damp", worker.DisplayName);
        await AddStepAsync(journey, 0, "Fix the damp", null, agency: true);
        await AddStepAsync(journey, 1, "Try the lunch club", group);
        await Assertions.Expect(page.Locator("#goal-0-steps tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#goal-1-steps")).ToContainTextAsync(group);

        await journey.ClickAsync("Connect them to a community group");
        await page.GetByLabel("Which group?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await journey.FillAsync("Who suggested it?", "Her grandson");
        await journey.ClickAsync("Record the connection", AriaRole.Button);
        await Assertions.Expect(page.Locator("#connections")).ToContainTextAsync(group);
        await page.GetByLabel($"Did they go to {group}?", new() { Exact = true }).SelectOptionAsync("true");
        await page.GetByLabel($"Are they still going to {group}?", new() { Exact = true }).SelectOptionAsync("true");
        await journey.ClickAndWaitForNextPageAsync(page.Locator("#connections").GetByRole(AriaRole.Button, new() { Name = $"Save for {group}" }));
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("What you know about the connection is saved");

        await journey.ClickAsync("Record a review", AriaRole.Button);
        var today = DateOnly.FromDateTime(browser.Web.Clock.GetUtcNow().UtcDateTime);
        await page.Locator("input[name='On.Day']").FillAsync(today.Day.ToString());
        await page.Locator("input[name='On.Month']").FillAsync(today.Month.ToString());
        await page.Locator("input[name='On.Year']").FillAsync(today.Year.ToString());
        await journey.FillAsync("Who took part?", "Irene, Liam and me");
        await journey.FillAsync("What changed?", "The post is opened now; damp reported");
        await journey.ClickAsync("Record the review", AriaRole.Button);
        await Assertions.Expect(page.Locator("#reviews")).ToContainTextAsync("Irene, Liam and me");
        await Assertions.Expect(page.Locator("#plan-history li")).ToHaveCountAsync(7);

        await journey.ClickAsync("Their copy of the plan, to print");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My plan");
        var copy = page.Locator("main");
        await Assertions.Expect(copy).ToContainTextAsync("Grows tomatoes on the balcony");
        await Assertions.Expect(copy).ToContainTextAsync("I want to see people more");
        await Assertions.Expect(copy).ToContainTextAsync("Who: me");
        await Assertions.Expect(copy).Not.ToContainTextAsync("Chaos");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("header.govuk-header")).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".govuk-back-link")).Not.ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await journey.GotoAsync(personPath);
        await Assertions.Expect(page.Locator("#person-strengths li")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Connected to {group} (suggested by her grandson)");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"{group}: went, and is still going");
    }

    private static async Task AddStepAsync(Journey journey, int goal, string step, string? owner, bool agency = false)
    {
        var page = journey.Page;
        await page.Locator($"#goal-{goal}-section").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Add a step") }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/steps/new$"));
        await journey.CheckPageAsync();
        await journey.FillAsync("What is the step?", step);
        var select = page.GetByLabel("Whose step is it?", new() { Exact = true });
        if (agency)
        {
            var value = await select.Locator("optgroup[label='Agencies'] option").First.GetAttributeAsync("value");
            await select.SelectOptionAsync(value!);
        }
        else
        {
            await select.SelectOptionAsync(new SelectOptionValue { Label = owner });
        }

        await journey.ClickAsync("Save the step", AriaRole.Button);
    }
}
