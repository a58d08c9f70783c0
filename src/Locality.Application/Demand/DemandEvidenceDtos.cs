namespace Locality.Application.Demand;

public sealed record DemandMonthDto(DateOnly Month, long Value, long Failure, decimal? ValueCost, decimal? FailureCost);

public sealed record RepeatAddressDto(string AddressKey, string Address, long Events);

public sealed record BeforeAfterDto(
    int Months, int People, int PeopleTooRecent, long FailureBefore, long FailureAfter, long ValueBefore, long ValueAfter,
    decimal? FailureCostBefore, decimal? FailureCostAfter, decimal? ServiceCost, decimal? SavedPerPound);

/// <summary>
/// The team lead's evidence: failure and value demand by month (counted and valued), the addresses with most call-outs,
/// the missed-appointment rate, and, for the people in a team, demand in the months before each person's conversation
/// began against the same number of months after, with the service's own ratio of failure-demand cost avoided to its cost.
/// Money is uprated to one price base (<see cref="PriceBase"/>); <see cref="MissingIndices"/> names any financial
/// year whose index an administrator must enter before money can be shown.
/// </summary>
public sealed record DemandEvidenceDto(
    DateOnly From, DateOnly To, Guid? LocalityId, Guid? TeamId, Guid? AgencyId, string? TypeCode,
    IReadOnlyList<DemandMonthDto> ByMonth, long Value, long Failure, decimal? ValueCost, decimal? FailureCost,
    long Appointments, long Missed, IReadOnlyList<RepeatAddressDto> TopAddresses, BeforeAfterDto? BeforeAfter,
    string PriceBase, string? IndexSource, IReadOnlyList<string> MissingIndices, IReadOnlyList<string> TypesNotValued)
{
    public decimal? MissedRate => Appointments == 0 ? null : (decimal)Missed / Appointments;
}
