using Locality.Domain.Demand;
using Locality.Domain.Organisations;

namespace Locality.Application.Demand;

/// <summary>Which demand to count: whole months from and to (first days), and optionally a locality, team, agency and type.</summary>
public sealed record DemandFilter(DateOnly From, DateOnly To, Guid? LocalityId, Guid? TeamId, Guid? AgencyId, string? TypeCode);

public sealed record MonthTotal(DateOnly Month, DemandClass Classification, string TypeCode, long Events, long Appointments, long Missed);

public sealed record BeforeAfterTotal(bool After, DemandClass Classification, string TypeCode, long Events);

/// <summary>The pre-aggregated demand figures (kept by the database as events arrive) and the per-person comparison.</summary>
public interface IDemandTotals
{
    Task<IReadOnlyList<MonthTotal>> MonthlyAsync(DemandFilter filter, CancellationToken cancellationToken);

    /// <summary>The addresses with most call-outs and anti-social behaviour reports in the months chosen (locality and team filters only).</summary>
    Task<IReadOnlyList<(string Key, long Events)>> TopAddressesAsync(DemandFilter filter, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Events about the team's people whose conversations began by <paramref name="startedBy"/>, in the months before
    /// and after each one's own start.
    /// </summary>
    Task<IReadOnlyList<BeforeAfterTotal>> BeforeAfterAsync(TeamId team, DateTimeOffset startedBy, int months, Guid? agency, string? type, CancellationToken cancellationToken);

    /// <summary>
    /// The locality's addresses that may have had <paramref name="atLeast"/> call-outs and reports since the first day of
    /// <paramref name="sinceMonth"/> (by the kept totals: a month counts whole, so some will have fewer when counted exactly).
    /// </summary>
    Task<IReadOnlyList<string>> RepeatAddressCandidatesAsync(Guid locality, DateOnly sinceMonth, int atLeast, CancellationToken cancellationToken);
}
