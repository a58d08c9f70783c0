using Locality.Application.Common.Security;
using Microsoft.Playwright;

namespace Locality.Web.Tests.Browser;

/// <summary>Chaos Index ratings, tried in Chromium by a key worker and their team lead, with every page checked by axe.</summary>
public sealed class RatingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AKeyWorker_RatesSomeoneThreeTimesOverSixMonths_SeesTheTrend_AndTheTeamLeadSeesTheTeamImproving()
    {
        var teamLead = await browser.Web.CreateAccountAsync(Roles.TeamLead);
        var worker = await browser.Web.CreateAccountAsync(Roles.KeyWorker, inTeam: teamLead.TeamId);
        var family = "Ashworth" + Guid.NewGuid().ToString("N")[..4];
        var today = DateOnly.FromDateTime(browser.Web.Clock.GetUtcNow().UtcDateTime);

        await using (var journey = await browser.StartAsync())
        {
            var page = journey.Page;
            await journey.SignInAsync(worker.Email, worker.Password);
            await journey.GotoAsync("/people/new");
            await journey.FillAsync("Given name", "Maureen");
            await journey.FillAsync("Family name", family);
            await journey.FillAsync("Day", "9");
            await journey.FillAsync("Month", "11");
            await journey.FillAsync("Year", "1966");
            await journey.ClickAsync("Continue", AriaRole.Button);
            var personPath = new Uri(page.Url).AbsolutePath;
            await Assertions.Expect(page.Locator("#latest-ratings")).ToContainTextAsync("Not rated yet");

            // The reference's worked example first (26), then two later ratings as things settle.
            await RateAsync(journey, today.AddDays(-180), [3, 1, 2, 2, 1, 3, 2, 4, 2, 3], tookPart: true);
            await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Rating recorded: 26, their first");
            await journey.GotoAsync($"{personPath}/ratings/new");
            await journey.ClickAsync("Save the rating", AriaRole.Button);
            await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Choose a step for Housing");
            await RateAsync(journey, today.AddDays(-90), [2, 1, 2, 1, 1, 2, 2, 3, 2, 2], tookPart: true);
            await RateAsync(journey, today, [1, 0, 1, 1, 0, 1, 1, 2, 1, 1], tookPart: false);
            await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Rating recorded: 10, down 16 since the first rating");

            await Assertions.Expect(page.Locator("#instrument-0-summary")).ToContainTextAsync("down 16");
            await Assertions.Expect(page.Locator("main .govuk-tag").First).ToContainTextAsync("Improving");
            await Assertions.Expect(page.Locator("#instrument-0-totals tbody tr")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("svg#chart-0 circle")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("#instrument-0-domains")).ToContainTextAsync("Risk to others");

            await journey.GotoAsync(personPath);
            await Assertions.Expect(page.Locator("#latest-ratings")).ToContainTextAsync("10");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Chaos Index (NDT): 10 of 48 (down 16 since the first rating, 26); they did not take part");
        }

        await using (var journey = await browser.StartAsync())
        {
            await journey.SignInAsync(teamLead.Email, teamLead.Password);
            await journey.GotoAsync("/ratings/trends");
            await Assertions.Expect(journey.Page.Locator("#trend-0-improving")).ToHaveTextAsync("1");
            await Assertions.Expect(journey.Page.Locator("#trend-0-worsening")).ToHaveTextAsync("0");
            await Assertions.Expect(journey.Page.Locator("#trend-0-average")).ToHaveTextAsync("-16");
            await Assertions.Expect(journey.Page.Locator("#trend-0-people")).ToContainTextAsync($"Maureen {family}");
        }
    }

    private static async Task RateAsync(Journey journey, DateOnly on, int[] steps, bool tookPart)
    {
        var page = journey.Page;
        var person = new Uri(page.Url).AbsolutePath.Split('/')[2];
        await journey.GotoAsync($"/people/{person}/ratings/new");
        await page.Locator("input[name='RatedOn.Day']").FillAsync(on.Day.ToString());
        await page.Locator("input[name='RatedOn.Month']").FillAsync(on.Month.ToString());
        await page.Locator("input[name='RatedOn.Year']").FillAsync(on.Year.ToString());
        await page.GetByLabel(tookPart ? "Yes, we did it together" : "No, I rated on my own", new() { Exact = true }).CheckAsync();
        var groups = page.Locator("main fieldset").Filter(new() { Has = page.Locator("input[name^='Steps[']") });
        for (var i = 0; i < steps.Length; i++)
        {
            await groups.Nth(i).Locator("input[type=radio]").Nth(steps[i]).CheckAsync();
        }

        await page.Locator("textarea[name='Evidence[housing]']").FillAsync("Talked about the flat and the rent arrears");
        await journey.ClickAsync("Save the rating", AriaRole.Button);
    }
}
