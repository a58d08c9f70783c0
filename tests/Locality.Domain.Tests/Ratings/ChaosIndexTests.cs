using Locality.Domain.Common;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Domain.Ratings;

namespace Locality.Domain.Tests.Ratings;

public sealed class ChaosIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Moment Today = new(Now, new DateOnly(2026, 11, 23));
    private static readonly Author ByWorker = new(UserId.New(), AgencyId.New());

    private static InstrumentVersion Current() => Instrument.Define(ChaosIndex.Definition, Now, Instrument.ChaosIndexKey, builtIn: true).Current!;

    private static IReadOnlyList<DomainChoice> Steps(params int[] steps) =>
        ChaosIndex.Definition.Domains.Select((d, i) => new DomainChoice(d.Key, steps[i], $"Why {d.Name}")).ToList();

    [Fact]
    public void TheBuiltInChaosIndex_HasTenDomains_EightScoringZeroToFour_AndTwoRisksScoringDouble_SoTotalsRunFromZeroTo48()
    {
        var definition = ChaosIndex.Definition;

        Assert.Empty(definition.Problems());
        Assert.Equal(10, definition.Domains.Count);
        Assert.Equal(8, definition.Domains.Count(d => d.Steps.Select(s => s.Score).SequenceEqual([0, 1, 2, 3, 4])));
        Assert.Equal(["risk-to-others", "risk-from-others"], definition.Domains.Where(d => d.Steps.Select(s => s.Score).SequenceEqual([0, 2, 4, 6, 8])).Select(d => d.Key));
        Assert.Equal(0, definition.LowestTotal);
        Assert.Equal(48, definition.HighestTotal);
        Assert.Equal(ScoreDirection.HigherIsWorse, definition.Direction);
        Assert.Equal(12, definition.RerateEveryWeeks);
    }

    [Theory]
    [InlineData(new[] { 3, 1, 2, 2, 1, 3, 2, 4, 2, 3 }, 26)] // the reference's worked example
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0)]
    [InlineData(new[] { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 }, 48)]
    [InlineData(new[] { 0, 0, 0, 4, 4, 0, 0, 0, 0, 0 }, 16)] // the two risk domains alone, at their worst
    [InlineData(new[] { 2, 2, 2, 1, 1, 2, 2, 2, 2, 2 }, 20)]
    public void TheTotal_IsWorkedOutFromTheStepsChosen(int[] steps, int total)
    {
        var rating = Rating.Record(PersonId.New(), Current(), Today.Today, tookPart: true, Steps(steps), ByWorker, Today);

        Assert.Equal(total, rating.Total);
        Assert.Equal(steps, rating.Items.Select(i => i.Step));
        Assert.Equal(rating.Total, rating.Items.Sum(i => i.Score));
    }

    [Fact]
    public void ARating_ThatMissesADomain_OrPicksAStepThatDoesNotExist_OrIsDatedTomorrow_IsRefused_NamingTheDomain()
    {
        var version = Current();
        var missing = Steps(1, 1, 1, 1, 1, 1, 1, 1, 1, 1).Where(c => c.DomainKey != "housing").ToList();
        var tooHigh = Steps(1, 1, 1, 5, 1, 1, 1, 1, 1, 1);

        Assert.Contains("Housing", Assert.Throws<BusinessRuleException>(() => Rating.Record(PersonId.New(), version, Today.Today, true, missing, ByWorker, Today)).Message);
        Assert.Contains("Risk to others", Assert.Throws<BusinessRuleException>(() => Rating.Record(PersonId.New(), version, Today.Today, true, tooHigh, ByWorker, Today)).Message);
        Assert.Throws<BusinessRuleException>(() => Rating.Record(PersonId.New(), version, Today.Today.AddDays(1), true, Steps(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), ByWorker, Today));
    }

    [Fact]
    public void RevisingAVersionThatRatingsUse_MakesANewVersion_AndRetiresTheOld_SoRatingsWithTheOldAreRefused()
    {
        var instrument = Instrument.Define(ChaosIndex.Definition, Now);
        var first = instrument.Current!;

        var second = instrument.Revise(ChaosIndex.Definition with { RerateEveryWeeks = 8 }, latestIsUsed: true, Now.AddDays(1));

        Assert.Equal(2, second.Number);
        Assert.Same(second, instrument.Current);
        Assert.NotNull(first.RetiredAt);
        Assert.Equal(12, first.Definition.RerateEveryWeeks);
        Assert.Contains("retired", Assert.Throws<BusinessRuleException>(() => Rating.Record(PersonId.New(), first, Today.Today, true, Steps(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), ByWorker, Today)).Message);
    }

    [Fact]
    public void RevisingAnUnusedVersion_CorrectsItInPlace()
    {
        var instrument = Instrument.Define(ChaosIndex.Definition, Now);

        var revised = instrument.Revise(ChaosIndex.Definition with { Name = "Chaos Index (our locality)" }, latestIsUsed: false, Now.AddDays(1));

        Assert.Equal(1, revised.Number);
        Assert.Single(instrument.Versions);
        Assert.Equal("Chaos Index (our locality)", instrument.Name);
    }

    [Fact]
    public void ADefinition_WithDuplicateDomains_UnorderedSteps_OrNoSteps_ListsEachProblemAgainstItsField()
    {
        var domains = ChaosIndex.Definition.Domains.ToList();
        domains[1] = domains[1] with { Key = domains[0].Key, Name = domains[0].Name };
        domains[2] = domains[2] with { Steps = [domains[2].Steps[1], domains[2].Steps[0], .. domains[2].Steps.Skip(2)] };
        domains[3] = domains[3] with { Steps = [] };

        var problems = (ChaosIndex.Definition with { Domains = domains }).Problems();

        Assert.Contains(problems, p => p.Field == "domains[1].key");
        Assert.Contains(problems, p => p.Field == "domains[1].name");
        Assert.Contains(problems, p => p.Field == "domains[2].steps[1].score" && p.Message.Contains("in order"));
        Assert.Contains(problems, p => p.Field == "domains[3].steps");
        Assert.Throws<BusinessRuleException>(() => Instrument.Define(ChaosIndex.Definition with { Domains = domains }, Now));
        Assert.Contains(("domains", "Add at least one domain"), (ChaosIndex.Definition with { Domains = [] }).Problems());
    }
}
