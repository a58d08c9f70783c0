using System.Globalization;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Conversations;

/// <summary>Reads a person's timeline newest first, a page at a time, with names for the people and agencies it mentions.</summary>
internal static class TimelineQueries
{
    public const int PageSize = 50;

    public static async Task<TimelinePage> PageAsync(
        IApplicationDbContext db, PersonId person, TimelineViewer viewer, string? before, int size, CancellationToken cancellationToken)
    {
        var query = await viewer.FilterAsync(db, db.TimelineEntries.AsNoTracking().Where(e => e.PersonId == person), person, cancellationToken);
        var hasCursor = Cursor.TryParse(before, out var until, out var alreadyShown);
        if (hasCursor)
        {
            query = query.Where(e => e.OccurredAt <= until);
        }

        var entries = await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Sequence)
            .Skip(hasCursor ? alreadyShown : 0).Take(size + 1).ToListAsync(cancellationToken);
        var page = entries.Take(size).ToList();
        var dtos = await DescribeAsync(db, page, cancellationToken);
        string? older = null;
        if (entries.Count > size)
        {
            var last = page[^1].OccurredAt;
            var shownAtLast = page.Count(e => e.OccurredAt == last) + (hasCursor && until == last ? alreadyShown : 0);
            older = Cursor.Format(last, shownAtLast);
        }

        return new TimelinePage(dtos, older);
    }

    public static async Task<IReadOnlyList<TimelineEntryDto>> DescribeAsync(IApplicationDbContext db, IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        var entryIds = entries.Select(e => e.Id).ToList();
        var amendments = (await db.TimelineAmendments.AsNoTracking().Where(a => entryIds.Contains(a.EntryId)).ToListAsync(cancellationToken))
            .OrderBy(a => a.Sequence).ToLookup(a => a.EntryId);
        var restrictions = (await db.EntryRestrictions.AsNoTracking().Where(r => entryIds.Contains(r.EntryId) && r.LiftedAt == null).ToListAsync(cancellationToken))
            .ToDictionary(r => r.EntryId);
        var workerIds = entries.SelectMany(e => new[] { e.AuthorId, e.SubjectWorkerId })
            .Concat(amendments.SelectMany(g => g.Select(a => a.AuthorId)))
            .Concat(restrictions.Values.SelectMany(r => r.UserIds.Select(id => (UserId?)new UserId(id))))
            .OfType<UserId>().Distinct().ToList();
        var agencyIds = entries.SelectMany(e => new[] { e.AuthorAgencyId, e.OtherAgencyId }).OfType<AgencyId>().Distinct().ToList();
        var workers = await db.StaffMembers.AsNoTracking().Where(s => workerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);

        string? Worker(UserId? id) => id is { } value && workers.TryGetValue(value, out var name) ? name : null;
        string? Agency(AgencyId? id) => id is { } value && agencies.TryGetValue(value, out var name) ? name : null;

        return entries.Select(e => new TimelineEntryDto(
                e.Id.Value, e.Kind, e.OccurredAt, e.RecordedAt, e.AuthorId?.Value, Worker(e.AuthorId), Agency(e.AuthorAgencyId), e.Text, e.Method, e.Outcome,
                e.Location, e.WhoWasThere, Agency(e.OtherAgencyId), e.ToService, e.LeadKeepsConversation, Worker(e.SubjectWorkerId), e.NewState,
                e.CheckBackOn, e.CanBeAmended,
                amendments[e.Id].Select(a => new AmendmentDto(a.Sequence, a.Reason, a.CorrectedText, Worker(a.AuthorId), a.RecordedAt)).ToList(),
                restrictions.TryGetValue(e.Id, out var r)
                    ? new EntryRestrictionDto(r.Roles, r.UserIds.Select(id => Worker(new UserId(id)) ?? "Someone no longer here").ToList(), r.Reason)
                    : null))
            .ToList();
    }

    /// <summary>
    /// Where the next page starts: entries at or before the last time shown, less those at that time already shown.
    /// Entries added meanwhile (newer, or back-dated earlier) never shift what a later page holds.
    /// </summary>
    private static class Cursor
    {
        public static string Format(DateTimeOffset occurredAt, int shownAtThatTime) =>
            $"{occurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{shownAtThatTime.ToString(CultureInfo.InvariantCulture)}";

        public static bool TryParse(string? cursor, out DateTimeOffset occurredAt, out int shownAtThatTime)
        {
            occurredAt = default;
            shownAtThatTime = 0;
            var parts = cursor?.Split('_');
            if (parts is not [var ticks, var shown] || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks)
                || utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks
                || !int.TryParse(shown, NumberStyles.None, CultureInfo.InvariantCulture, out shownAtThatTime))
            {
                return false;
            }

            occurredAt = new DateTimeOffset(utcTicks, TimeSpan.Zero);
            return true;
        }
    }
}
