using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Conversations;
using Locality.Application.Ratings;
using Locality.Application.Tests.People;
using Locality.Domain.Conversations;
using Locality.Domain.Ratings;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Locality.Application.Tests.Ratings;

public sealed class RatingTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    private static readonly string[] Keys = ChaosIndex.Definition.Domains.Select(d => d.Key).ToArray();

    [Fact]
    public async Task ThreeRatingsOverTime_AreScoredFromTheirSteps_ShowTheChangeSinceTheFirst_AndEachIsOnTheTimeline()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var chaos = await ChaosIndexAsync(worker);
        var today = UkCalendar.Now(app.Clock).Today;

        await app.SendAsync(Rate(person.Id, chaos, today.AddDays(-170), 3, 1, 2, 2, 1, 3, 2, 4, 2, 3), worker); // 26, the reference's example
        await app.SendAsync(Rate(person.Id, chaos, today.AddDays(-85), 3, 1, 1, 1, 1, 2, 2, 3, 2, 2), worker); // 3+1+1+2+2+2+2+3+2+2 = 20
        var ratings = await app.SendAsync(Rate(person.Id, chaos, today, 2, 0, 1, 1, 0, 2, 1, 2, 1, 1), worker); // 2+0+1+2+0+2+1+2+1+1 = 12

        var trend = Assert.Single(ratings.Instruments);
        Assert.Equal([26, 20, 12], trend.Ratings.Select(r => r.Total));
        Assert.Equal([null, -6, -14], trend.Ratings.Select(r => r.ChangeSinceFirst));
        Assert.Equal(-14, trend.ChangeSinceFirst);
        Assert.Equal(Trend.Improving, trend.Trend);
        Assert.Equal(today.AddDays(7 * 12), trend.NextDueOn);
        Assert.Equal(48, trend.HighestTotal);
        var housing = trend.Ratings[0].Items.Single(i => i.DomainKey == "housing");
        Assert.Equal(("Unsafe or unsuitable", 3, 4, "Why housing"), (housing.StepLabel, housing.Score, housing.HighestScore, housing.Evidence));
        var riskToOthers = trend.Ratings[0].Items.Single(i => i.DomainKey == "risk-to-others");
        Assert.Equal((2, 4), (riskToOthers.Step, riskToOthers.Score));

        var timeline = await app.SendAsync(new GetTimeline(person.Id), worker);
        var rated = timeline.Entries.Where(e => e.Kind == EntryKind.Rated).Select(e => e.Text).ToList();
        Assert.Equal(
            ["Chaos Index (NDT): 12 of 48 (down 14 since the first rating, 26)", "Chaos Index (NDT): 20 of 48 (down 6 since the first rating, 26)", "Chaos Index (NDT): 26 of 48, the first rating"],
            rated);
    }

    [Fact]
    public async Task ARating_ThatMissesADomain_PicksAStepThatDoesNotExist_SendsAScore_OrIsInTheFuture_IsRefusedNamingIt_AndNothingIsRecorded()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var chaos = await ChaosIndexAsync(worker);
        var today = UkCalendar.Now(app.Clock).Today;
        var good = Rate(person.Id, chaos, today, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);

        var missing = await RefusedAsync(good with { Choices = good.Choices!.Where(c => c.Domain != "housing").ToList() }, worker);
        var noSuchStep = await RefusedAsync(good with { Choices = good.Choices!.Select(c => c.Domain == "risk-to-others" ? c with { Step = 5 } : c).ToList() }, worker);
        var score = await RefusedAsync(good with { Choices = good.Choices!.Select(c => c.Domain == "risk-from-others" ? c with { Step = null, Score = 6 } : c).ToList() }, worker);
        var unknown = await RefusedAsync(good with { Choices = [.. good.Choices!, new RatingChoice("happiness", 1, null)] }, worker);
        var future = await RefusedAsync(good with { RatedOn = today.AddDays(1) }, worker);
        var noInstrument = await RefusedAsync(good with { InstrumentId = Guid.NewGuid() }, worker);

        Assert.Equal(["Choose a step for Housing"], missing["Choices.housing"]);
        Assert.Equal(["Choose a step for Risk to others from 0 to 4"], noSuchStep["Choices.risk-to-others"]);
        Assert.Contains("not a score", score["Choices.risk-from-others"][0]);
        Assert.Contains("happiness is not a domain", unknown["Choices.happiness"][0]);
        Assert.Equal(["The date of the rating must be today or in the past"], future["RatedOn"]);
        Assert.Equal(["Choose an instrument from the list"], noInstrument["InstrumentId"]);
        Assert.Empty((await app.SendAsync(new GetPersonRatings(person.Id), worker)).Instruments);
    }

    [Fact]
    public async Task AnAdministrator_DefinesAnInstrument_AndRevisingAVersionInUse_MakesANewOne_SoOldRatingsKeepTheirs()
    {
        var admin = await app.CreateAdminAsync();
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var today = UkCalendar.Now(app.Clock).Today;
        var steps = new[] { new InstrumentStepBody("Stuck", "Not ready to change", 1), new InstrumentStepBody("Trying", null, 2), new InstrumentStepBody("Managing", null, 3) };
        var star = await app.SendAsync(new SaveInstrument(
            null, "Our wellbeing scale", null, ScoreDirection.HigherIsBetter, 8,
            [new InstrumentDomainBody("money", "Money", steps), new InstrumentDomainBody("home", "Home", steps)]), admin);
        var v1 = star.Current!;

        await app.SendAsync(new RecordRating(person.Id, star.Id, today, true, [new("money", 0, null), new("home", 1, null)]), worker);
        var revised = await app.SendAsync(new SaveInstrument(
            star.Id, "Our wellbeing scale", "Now with a third domain", ScoreDirection.HigherIsBetter, 8,
            [new InstrumentDomainBody("money", "Money", steps), new InstrumentDomainBody("home", "Home", steps), new InstrumentDomainBody("health", "Health", steps)], star.Version), admin);
        var retired = await RefusedAsync(new RecordRating(person.Id, star.Id, today, true, [new("money", 0, null), new("home", 1, null)], v1.Id), worker);
        var after = await app.SendAsync(new RecordRating(person.Id, star.Id, today, true, [new("money", 2, null), new("home", 2, null), new("health", 1, null)]), worker);

        var clash = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new SaveInstrument(
            star.Id, "Our wellbeing scale", "A second administrator, working from the first version", ScoreDirection.HigherIsBetter, 8,
            [new InstrumentDomainBody("money", "Money", steps)], star.Version), admin));
        Assert.Equal(ConflictKind.StaleVersion, clash.Kind);
        Assert.Equal([2, 1], revised.Versions.Select(v => v.Number));
        Assert.NotNull(revised.Versions.Single(v => v.Number == 1).RetiredAt);
        Assert.Equal(1, revised.Versions.Single(v => v.Number == 1).Ratings);
        Assert.Contains("retired: rate with version 2", retired["InstrumentVersionId"][0]);
        var trend = after.Instruments.Single(i => i.InstrumentId == star.Id);
        Assert.Equal([(1, 3), (2, 8)], trend.Ratings.Select(r => (r.VersionNumber, r.Total)));
        Assert.Equal(Trend.Improving, trend.Trend);
        var update = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE instrument_versions SET definition = '{{}}'::jsonb WHERE id = {v1.Id}")));
        Assert.Contains("make a new version instead", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ratings SET total = 0 WHERE person_id = {person.Id}")));
    }

    [Fact]
    public async Task AnInstrumentDefinition_WithDuplicateDomainsUnorderedStepsOrNoSteps_IsRefusedFieldByField()
    {
        var admin = await app.CreateAdminAsync();
        var ordered = new[] { new InstrumentStepBody("Low", null, 0), new InstrumentStepBody("High", null, 1) };
        var unordered = new[] { new InstrumentStepBody("High", null, 3), new InstrumentStepBody("Low", null, 1) };

        var errors = (await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new SaveInstrument(
            null, "Broken", null, ScoreDirection.HigherIsWorse, 12,
            [new InstrumentDomainBody("mood", "Mood", ordered), new InstrumentDomainBody("mood", "Mood", ordered), new InstrumentDomainBody("sleep", "Sleep", unordered), new InstrumentDomainBody("food", "Food", [])]), admin))).Errors;

        Assert.Contains("Domains[1].key", errors.Keys);
        Assert.Contains("Domains[1].name", errors.Keys);
        Assert.Contains("Domains[2].steps[1].score", errors.Keys);
        Assert.Contains("Domains[3].steps", errors.Keys);
        Assert.DoesNotContain((await app.SendAsync(new GetInstruments(), admin)), i => i.Name == "Broken");
    }

    [Fact]
    public async Task TheTeamsImprovingStableAndWorseningCounts_FollowEachPersonsChangeFromTheirFirstRating()
    {
        var teamLead = await app.CreateUserAsync(Roles.TeamLead);
        var worker = await app.CreateWorkerInTeamOfAsync(teamLead);
        var chaos = await ChaosIndexAsync(worker);
        var today = UkCalendar.Now(app.Clock).Today;
        async Task RatedAsync(params int[][] ratings)
        {
            var person = await PeopleMaker.AddAsync(app, worker);
            for (var i = 0; i < ratings.Length; i++)
            {
                await app.SendAsync(Rate(person.Id, chaos, today.AddDays(-90 * (ratings.Length - 1 - i)), ratings[i]), worker);
            }
        }

        await RatedAsync([3, 3, 3, 3, 3, 3, 3, 3, 3, 3], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]); // 36 → 12: improving by 24
        await RatedAsync([2, 2, 2, 2, 2, 2, 2, 2, 2, 2], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]); // 24 → 12: improving by 12
        await RatedAsync([2, 2, 2, 2, 2, 2, 2, 2, 2, 2], [2, 2, 2, 2, 2, 2, 2, 2, 2, 3]); // 24 → 25: stable
        await RatedAsync([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 2, 1, 1, 1, 1, 1, 1]); // 12 → 14: stable (2 points)
        await RatedAsync([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [2, 2, 1, 1, 1, 1, 1, 1, 1, 1]); // 12 → 14: stable (2 points)
        await RatedAsync([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [3, 1, 1, 1, 1, 1, 1, 1, 1, 1]); // 12 → 12 → 14: stable
        await RatedAsync([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]); // 0 → 12: worsening
        await RatedAsync([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]); // rated once: no trend yet

        var team = await app.SendAsync(new GetRatingTrends(), teamLead);
        var mine = await app.SendAsync(new GetRatingTrends(), worker);

        var chaosTrend = Assert.Single(team.Instruments);
        Assert.Equal((8, 7), (chaosTrend.PeopleRated, chaosTrend.PeopleWithTrend));
        Assert.Equal((2, 4, 1), (chaosTrend.Improving, chaosTrend.Stable, chaosTrend.Worsening));
        Assert.Equal(Math.Round((-24 - 12 + 1 + 2 + 2 + 2 + 12) / 7.0, 1), chaosTrend.AverageChange);
        Assert.Equal(2, chaosTrend.StableWithinPoints);
        Assert.Equal(chaosTrend.People.Select(p => p.PersonId), Assert.Single(mine.Instruments).People.Select(p => p.PersonId));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetRatingTrends(teamLead.UserId!.Value.Value), worker));
    }

    [Fact]
    public async Task TheDailyCheck_MarksPeopleDueToBeRatedAgain_InTheirLeadWorkersDay_UntilTheyAreRated()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var due = await PeopleMaker.AddAsync(app, worker);
        var recent = await PeopleMaker.AddAsync(app, worker);
        var chaos = await ChaosIndexAsync(worker);
        var today = UkCalendar.Now(app.Clock).Today;
        await app.SendAsync(Rate(due.Id, chaos, today.AddDays(-7 * 12), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), worker);
        await app.SendAsync(Rate(recent.Id, chaos, today.AddDays(-7 * 12 + 1), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), worker);

        var marked = await app.SendAsync(new MarkRatingsDue(), SystemUser());
        var again = await app.SendAsync(new MarkRatingsDue(), SystemUser());
        var day = await app.SendAsync(new GetMyDay(), worker);
        await app.SendAsync(Rate(due.Id, chaos, today, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0), worker);
        var after = await app.SendAsync(new GetMyDay(), worker);

        Assert.True(marked >= 1);
        Assert.Equal(0, again);
        var listed = Assert.Single(day.RatingsDue);
        Assert.Equal((due.Id, "Chaos Index (NDT)", today), (listed.PersonId, listed.InstrumentName, listed.DueOn));
        Assert.Empty(after.RatingsDue);
    }

    private static TestCurrentUser SystemUser() => new(null, null, null, [Roles.System]);

    private async Task<Guid> ChaosIndexAsync(TestCurrentUser user) =>
        (await app.SendAsync(new GetInstruments(), user)).Single(i => i.Key == Instrument.ChaosIndexKey).Id;

    private static RecordRating Rate(Guid person, Guid instrument, DateOnly on, params int[] steps) =>
        new(person, instrument, on, true, Keys.Select((k, i) => new RatingChoice(k, steps[i], $"Why {k}")).ToList());

    private async Task<IReadOnlyDictionary<string, string[]>> RefusedAsync(RecordRating request, TestCurrentUser worker) =>
        (await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(request, worker))).Errors;
}
