using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

internal static class DemandQueries
{
    /// <summary>The team (and its locality) a person's demand counts for: their lead worker's.</summary>
    public static async Task<(TeamId Team, LocalityId Locality)> TeamOfAsync(IApplicationDbContext db, UserId leadWorker, CancellationToken cancellationToken)
    {
        var team = await (from s in db.StaffMembers
                          join t in db.Teams on s.TeamId equals t.Id
                          where s.Id == leadWorker
                          select new { t.Id, t.LocalityId }).SingleAsync(cancellationToken);
        return (team.Id, team.LocalityId);
    }

    public static Task<IReadOnlyList<DemandEventDto>> ForPersonAsync(IApplicationDbContext db, PersonId person, CancellationToken cancellationToken) =>
        DescribeAsync(db, db.DemandEvents.Where(e => e.PersonId == person), cancellationToken);

    public static async Task<IReadOnlyList<DemandEventDto>> DescribeAsync(IApplicationDbContext db, IQueryable<DemandEvent> events, CancellationToken cancellationToken) =>
        await DescribeAsync(db, await events.AsNoTracking().OrderByDescending(e => e.OccurredAt).Take(500).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>Events already read, described with their names and every change to how each was classified.</summary>
    public static async Task<IReadOnlyList<DemandEventDto>> DescribeAsync(IApplicationDbContext db, IReadOnlyList<DemandEvent> list, CancellationToken cancellationToken)
    {
        if (list.Count == 0)
        {
            return [];
        }

        var ids = list.Select(e => e.Id).ToList();
        var changes = await db.DemandReclassifications.AsNoTracking().Where(r => ids.Contains(r.EventId)).OrderBy(r => r.At).ToListAsync(cancellationToken);
        var types = await db.DemandTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Name, cancellationToken);
        var failures = await db.FailureTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Name, cancellationToken);
        var agencyIds = list.Select(e => e.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var staff = changes.Where(c => c.By is not null).Select(c => c.By!.Value).Distinct().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => staff.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        return list.Select(e => new DemandEventDto(
            e.Id.Value, e.TypeCode, types[e.TypeCode], e.AgencyId.Value, agencies[e.AgencyId], e.OccurredAt, e.Uprn, e.Postcode, e.AddressLine1, e.PersonId?.Value,
            e.SourceReference, e.Classification, e.FailureTypeCode, e.FailureTypeCode is { } f ? failures[f] : null, e.AttendanceCode, e.IsMissedAppointment,
            changes.Where(c => c.EventId == e.Id).Select(c => new ReclassificationDto(
                c.From, c.FromFailureTypeCode, c.To, c.ToFailureTypeCode, c.Reason, c.By is { } by ? names.GetValueOrDefault(by) : null, c.At,
                c.FromFailureTypeCode is { } from ? failures.GetValueOrDefault(from, from) : null,
                c.ToFailureTypeCode is { } to ? failures.GetValueOrDefault(to, to) : null)).ToList(),
            e.Version)).ToList();
    }
}
