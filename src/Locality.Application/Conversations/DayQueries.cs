using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Common;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Conversations;

/// <summary>The people whose conversations a set of workers lead, with where each conversation stands today.</summary>
internal static class DayQueries
{
    public static async Task<IReadOnlyList<DayPersonDto>> PeopleLedByAsync(
        IApplicationDbContext db, IReadOnlyCollection<UserId> leads, Moment moment, TimeSpan quietAfter, CancellationToken cancellationToken)
    {
        var rows = await (
                from c in db.Conversations.AsNoTracking()
                join p in db.People on c.PersonId equals p.Id
                join s in db.StaffMembers on c.LeadWorkerId equals s.Id
                where leads.Contains(c.LeadWorkerId)
                select new { Conversation = c, p.Id, p.PreferredName, p.GivenName, p.FamilyName, HasSafetyNotes = p.SafetyNotes != null, LeadName = s.DisplayName })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new DayPersonDto(
                r.Id.Value, $"{r.PreferredName ?? r.GivenName} {r.FamilyName}", r.Conversation.StateAt(moment, quietAfter),
                r.Conversation.LastSuccessfulContactAt, (int)(moment.Now - (r.Conversation.LastSuccessfulContactAt ?? r.Conversation.OpenedAt)).TotalDays,
                r.Conversation.AttemptsSinceContact, r.Conversation.RestingUntil, r.Conversation.HandOffCount, r.HasSafetyNotes,
                r.Conversation.LeadWorkerId.Value, r.LeadName))
            .OrderBy(p => p.KnownAs, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>Ratings due for the people listed, the longest due first.</summary>
    public static async Task<IReadOnlyList<DayRatingDueDto>> RatingsDueAsync(IApplicationDbContext db, IReadOnlyList<DayPersonDto> people, CancellationToken cancellationToken)
    {
        var ids = people.Select(p => new PersonId(p.PersonId)).ToList();
        var due = await (
                from d in db.RatingsDue.AsNoTracking()
                join i in db.Instruments on d.InstrumentId equals i.Id
                where ids.Contains(d.PersonId)
                orderby d.DueOn
                select new { d.PersonId, d.InstrumentId, i.Name, d.DueOn })
            .ToListAsync(cancellationToken);
        var names = people.ToDictionary(p => p.PersonId, p => p.KnownAs);
        return due.Select(d => new DayRatingDueDto(d.PersonId.Value, names[d.PersonId.Value], d.InstrumentId.Value, d.Name, d.DueOn)).ToList();
    }

    /// <summary>Everyone shown in a list is audited as seen there.</summary>
    public static void AuditListed(IAuditTrail audit, IEnumerable<DayPersonDto> people, string request) =>
        audit.Listed(people.Select(p => new PersonId(p.PersonId)), request, ListedDetails.NameAndDay);

    /// <summary>Quiet people, longest without contact first: who to try next.</summary>
    public static IReadOnlyList<DayPersonDto> KeepTrying(IEnumerable<DayPersonDto> people) =>
        people.Where(p => p.State == ConversationState.Quiet).OrderByDescending(p => p.DaysSinceContact).ToList();

    /// <summary>Resting conversations whose check-back date has come, or comes within the week.</summary>
    public static IReadOnlyList<DayPersonDto> CheckBacksDue(IEnumerable<DayPersonDto> people, DateOnly today) =>
        people.Where(p => p.RestingUntil is { } until && until <= today.AddDays(7)).OrderBy(p => p.RestingUntil).ToList();
}
