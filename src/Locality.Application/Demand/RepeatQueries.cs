using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Time;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

internal static class RepeatQueries
{
    /// <summary>What a person's page says of their repeat demand, a sentence for each threshold reached.</summary>
    public static async Task<IReadOnlyList<string>> FlagsForAsync(
        IApplicationDbContext db, TimeProvider clock, RepeatDemandOptions options, PersonId person, CancellationToken cancellationToken)
    {
        var found = await GroupsAsync(db, clock, options, [person], null, null, cancellationToken);
        return Ordered(found).Select(g => g.Kind switch
        {
            RepeatKind.CallOutsToAPerson => $"{g.Events.Count} call-outs or anti-social behaviour reports about them in the last {options.CallOutDays} days",
            RepeatKind.CallOutsToAnAddress => $"{g.Events.Count} call-outs or anti-social behaviour reports to {g.Address} in the last {options.CallOutDays} days",
            _ => $"{g.Events.Count} missed appointments in the last {options.MissedAppointmentDays} days",
        }).ToList();
    }

    public static async Task<IReadOnlyList<RepeatDemandDto>> FindAsync(
        IApplicationDbContext db, TimeProvider clock, RepeatDemandOptions options, IReadOnlyCollection<PersonId> people, LocalityId? locality, IDemandTotals? totals, CancellationToken cancellationToken)
    {
        var groups = Ordered(await GroupsAsync(db, clock, options, people, locality, totals, cancellationToken)).ToList();
        var events = groups.SelectMany(g => g.Events).DistinctBy(e => e.Id).ToList();
        var described = (await DemandQueries.DescribeAsync(db, events, cancellationToken)).ToDictionary(e => e.Id);
        return groups
            .Select(g => new RepeatDemandDto(g.Kind, g.Person, null, g.Address, g.Events.Count, g.Latest,
                g.Events.OrderByDescending(e => e.OccurredAt).Select(e => described[e.Id.Value]).ToList()))
            .ToList();
    }

    private static IEnumerable<RepeatGroup> Ordered(IEnumerable<RepeatGroup> groups) =>
        groups.OrderByDescending(g => g.Events.Count).ThenByDescending(g => g.Latest);

    private static async Task<List<RepeatGroup>> GroupsAsync(
        IApplicationDbContext db, TimeProvider clock, RepeatDemandOptions options, IReadOnlyCollection<PersonId> people, LocalityId? locality, IDemandTotals? totals, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var callOutSince = now.AddDays(-options.CallOutDays);
        var missedSince = now.AddDays(-options.MissedAppointmentDays);
        var callOutTypes = db.DemandTypes.Where(t => t.CountsTowardsRepeatCallOuts).Select(t => t.Code);

        // Their call-outs and their missed appointments in one read (an event may be both), told apart as they arrive.
        var ids = people.Select(p => (PersonId?)p).ToList();
        var theirs = await db.DemandEvents.AsNoTracking().Where(e => ids.Contains(e.PersonId))
            .Select(e => new
            {
                Event = e,
                CallOut = callOutTypes.Contains(e.TypeCode) && e.OccurredAt >= callOutSince,
                Missed = DemandEvent.MissedCodes.Contains(e.AttendanceCode!.Value) && e.OccurredAt >= missedSince,
            })
            .Where(e => e.CallOut || e.Missed)
            .ToListAsync(cancellationToken);
        var callOuts = theirs.Where(e => e.CallOut).Select(e => e.Event).ToList();
        var missed = theirs.Where(e => e.Missed).Select(e => e.Event).ToList();

        // Addresses where these people's call-outs happened, and the locality's addresses the kept totals say may have
        // reached the threshold; then counted exactly from the events: every call-out there counts, whoever it was about.
        var candidates = callOuts.Where(e => e.AddressKey != null).Select(e => e.AddressKey!).ToHashSet(StringComparer.Ordinal);
        if (locality is { } area && totals is not null)
        {
            var since = UkCalendar.DateOf(callOutSince);
            candidates.UnionWith(await totals.RepeatAddressCandidatesAsync(area.Value, new DateOnly(since.Year, since.Month, 1), options.CallOuts, cancellationToken));
        }

        var keys = candidates.Select(k => (string?)k).ToList();
        var atAddresses = keys.Count == 0 ? new List<DemandEvent>() : await db.DemandEvents.AsNoTracking()
            .Where(e => keys.Contains(e.AddressKey) && callOutTypes.Contains(e.TypeCode) && e.OccurredAt >= callOutSince)
            .ToListAsync(cancellationToken);

        var groups = new List<RepeatGroup>();
        groups.AddRange(callOuts.GroupBy(e => e.PersonId!.Value).Where(g => g.Count() >= options.CallOuts)
            .Select(g => new RepeatGroup(RepeatKind.CallOutsToAPerson, g.Key.Value, null, g.ToList())));
        groups.AddRange(atAddresses.GroupBy(e => e.AddressKey!).Where(g => g.Count() >= options.CallOuts)
            .Select(g => new RepeatGroup(RepeatKind.CallOutsToAnAddress, null, DescribeAddress(g.First()), g.ToList())));
        groups.AddRange(missed.GroupBy(e => e.PersonId!.Value).Where(g => g.Count() >= options.MissedAppointments)
            .Select(g => new RepeatGroup(RepeatKind.MissedAppointments, g.Key.Value, null, g.ToList())));
        return groups;
    }

    private static string DescribeAddress(DemandEvent e) => DemandEvent.DescribeAddress(e.AddressLine1, e.Postcode, e.Uprn);

    /// <summary>A person or an address at or over a threshold, with the events behind it.</summary>
    private sealed record RepeatGroup(RepeatKind Kind, Guid? Person, string? Address, List<DemandEvent> Events)
    {
        public DateTimeOffset Latest => Events.Max(e => e.OccurredAt);
    }
}
