using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Domain.Access;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Demand;

/// <summary>
/// When repeated demand is flagged: so many call-outs or anti-social behaviour reports (the types marked as counting
/// towards repeat call-outs) within so many days, for a person or an address; and so many missed appointments.
/// A locality agrees its own thresholds; these are the defaults.
/// </summary>
public sealed class RepeatDemandOptions
{
    public const string Section = "Demand:Repeats";

    public int CallOuts { get; set; } = 3;

    public int CallOutDays { get; set; } = 183;

    public int MissedAppointments { get; set; } = 2;

    public int MissedAppointmentDays { get; set; } = 90;
}

public enum RepeatKind
{
    CallOutsToAPerson = 1,
    CallOutsToAnAddress = 2,
    MissedAppointments = 3,
}

/// <summary>A person or an address that has reached a repeat threshold, with the events behind it, newest first.</summary>
public sealed record RepeatDemandDto(RepeatKind Kind, Guid? PersonId, string? PersonName, string? Address, int Events, DateTimeOffset Latest, IReadOnlyList<DemandEventDto> Behind);

/// <summary>
/// Repeat demand among a team lead's team's people, and at addresses in the team's locality (or where those people's call-outs were): call-outs to a person or an
/// address, and missed appointments, at or over the thresholds, each with the events behind it.
/// </summary>
[AllowedFor(Roles.TeamLead)]
public sealed record GetRepeatDemand : IRequest<IReadOnlyList<RepeatDemandDto>>;

internal sealed class GetRepeatDemandHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<RepeatDemandOptions> options, IAuditTrail audit, IDemandTotals totals)
    : IRequestHandler<GetRepeatDemand, IReadOnlyList<RepeatDemandDto>>
{
    public async Task<IReadOnlyList<RepeatDemandDto>> Handle(GetRepeatDemand request, CancellationToken cancellationToken)
    {
        var team = user.TeamId ?? throw new ForbiddenException("Only a team lead with a team can see this.");
        var people = await (
                from c in db.Conversations.AsNoTracking()
                join s in db.StaffMembers on c.LeadWorkerId equals s.Id
                join p in db.People on c.PersonId equals p.Id
                where s.TeamId == team
                select new { p.Id, Name = (p.PreferredName ?? p.GivenName) + " " + p.FamilyName })
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var locality = await db.Teams.Where(t => t.Id == team).Select(t => (LocalityId?)t.LocalityId).SingleOrDefaultAsync(cancellationToken);
        var found = await RepeatQueries.FindAsync(db, clock, options.Value, people.Keys.ToList(), locality, totals, cancellationToken);

        // An address's call-outs count whoever they were about, but the list names only people the team lead may open.
        var carried = found.SelectMany(r => r.Behind.Select(e => e.PersonId)).Concat(found.Select(r => r.PersonId))
            .OfType<Guid>().Select(id => new PersonId(id));
        var visible = await PersonVisibility.WhichVisibleAsync(db, user, clock.GetUtcNow(), carried, cancellationToken);
        var shown = found
            .Where(r => r.PersonId is not { } id || visible.Contains(new PersonId(id)))
            .Select(r => r with
            {
                PersonName = r.PersonId is { } id ? people.GetValueOrDefault(new PersonId(id)) : null,
                Behind = r.Behind.Select(e => e.PersonId is { } id && !visible.Contains(new PersonId(id)) ? e with { PersonId = null } : e).ToList(),
            })
            .ToList();
        foreach (var person in shown.SelectMany(r => r.Behind.Select(e => e.PersonId)).Concat(shown.Select(r => r.PersonId)).OfType<Guid>().Distinct())
        {
            audit.Add(new PersonId(person), AuditAction.Listed, nameof(GetRepeatDemand), "Name, demand events");
        }

        return shown;
    }
}

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
                g.Events.OrderByDescending(e => e.OccurredAt).Select(e => described[e.Id]).ToList()))
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
        var callOutTypes = await db.DemandTypes.AsNoTracking().Where(t => t.CountsTowardsRepeatCallOuts).Select(t => t.Code).ToListAsync(cancellationToken);

        var ids = people.Select(p => (PersonId?)p).ToList();
        var theirs = db.DemandEvents.Where(e => ids.Contains(e.PersonId));
        var callOuts = await theirs.AsNoTracking().Where(e => callOutTypes.Contains(e.TypeCode) && e.OccurredAt >= callOutSince).ToListAsync(cancellationToken);
        var missed = await theirs.AsNoTracking().Where(e => (e.AttendanceCode == 3 || e.AttendanceCode == 7) && e.OccurredAt >= missedSince).ToListAsync(cancellationToken);

        // Addresses where these people's call-outs happened, and the locality's addresses the kept totals say may have
        // reached the threshold; then counted exactly from the events: every call-out there counts, whoever it was about.
        var candidates = callOuts.Where(e => e.AddressKey != null).Select(e => e.AddressKey!).ToHashSet(StringComparer.Ordinal);
        if (locality is { } area && totals is not null)
        {
            var since = UkCalendar.DateOf(callOutSince);
            candidates.UnionWith(await totals.RepeatAddressCandidatesAsync(area.Value, new DateOnly(since.Year, since.Month, 1), options.CallOuts, cancellationToken));
        }

        var keys = candidates.Select(k => (string?)k).ToList();
        var atAddresses = await db.DemandEvents.AsNoTracking()
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
