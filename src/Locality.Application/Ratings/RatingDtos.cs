using Locality.Domain.Ratings;

namespace Locality.Application.Ratings;

public enum Trend
{
    /// <summary>Rated once so far: no trend yet.</summary>
    NotYet = 0,
    Improving = 1,
    Stable = 2,
    Worsening = 3,
}

public sealed record InstrumentStepDto(int Step, string Label, string Description, int Score);

public sealed record InstrumentDomainDto(string Key, string Name, IReadOnlyList<InstrumentStepDto> Steps);

public sealed record InstrumentVersionDto(
    Guid Id, int Number, string Name, string? Description, ScoreDirection Direction, int RerateEveryWeeks, int LowestTotal, int HighestTotal,
    IReadOnlyList<InstrumentDomainDto> Domains, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, int Ratings);

public sealed record InstrumentDto(
    Guid Id, string Key, string Name, bool IsBuiltIn, DateTimeOffset? RetiredAt, uint Version, InstrumentVersionDto? Current, IReadOnlyList<InstrumentVersionDto> Versions);

public sealed record RatingItemDto(string DomainKey, string DomainName, int Step, string StepLabel, int Score, int HighestScore, string? Evidence);

public sealed record RatingDto(
    Guid Id, Guid InstrumentId, Guid InstrumentVersionId, int VersionNumber, DateOnly RatedOn, bool PersonTookPart, string? RatedByName,
    int Total, int? ChangeSinceFirst, IReadOnlyList<RatingItemDto> Items);

/// <summary>One person's ratings with one instrument, oldest first, and how they have moved since the first.</summary>
public sealed record InstrumentTrendDto(
    Guid InstrumentId, string InstrumentName, ScoreDirection Direction, int LowestTotal, int HighestTotal, IReadOnlyList<RatingDto> Ratings,
    int? ChangeSinceFirst, Trend Trend, DateOnly? NextDueOn);

public sealed record PersonRatingsDto(Guid PersonId, IReadOnlyList<InstrumentTrendDto> Instruments, IReadOnlyList<InstrumentVersionDto> CanRateWith);

/// <summary>A person's first and latest totals with one instrument, for a worker's or team's view.</summary>
public sealed record PersonTrendDto(Guid PersonId, string KnownAs, int Ratings, int FirstTotal, int LatestTotal, int Change, Trend Trend);

public sealed record GroupTrendDto(
    Guid InstrumentId, string InstrumentName, ScoreDirection Direction, int StableWithinPoints, int PeopleRated, int PeopleWithTrend,
    double? AverageChange, int Improving, int Stable, int Worsening, IReadOnlyList<PersonTrendDto> People);

public sealed record RatingTrendsDto(string Whose, IReadOnlyList<GroupTrendDto> Instruments);

/// <summary>A change in a total, in words: "no change", "up 3", "down 14".</summary>
public static class RatingChange
{
    public static string Describe(int change) => change switch
    {
        0 => "no change",
        > 0 => $"up {change}",
        _ => $"down {-change}",
    };
}
