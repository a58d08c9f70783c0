using System.Linq.Expressions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Access;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Access;

/// <summary>
/// The grounds on which a worker may see a person: in the team around the person, team lead of the lead key worker's
/// team (<see cref="RecordOversight.LedFromTeam"/>), or emergency access in force. Each is stated once, as a query,
/// and used both by <see cref="IPersonAccess"/> for one record and by <see cref="VisibleTo"/> for lists, so no list
/// tells a worker more than opening the record would. A list that names a person or carries their id keeps only these
/// (or leaves the id out).
/// </summary>
internal static class PersonVisibility
{
    public static Expression<Func<Conversation, bool>> InTeamAround(UserId worker)
    {
        var current = ConversationMember.CurrentFor(worker);
        return c => c.Members.AsQueryable().Any(current);
    }

    /// <summary>The worker's emergency access grants in force now.</summary>
    public static IQueryable<BreakGlassGrant> EmergencyAccess(IApplicationDbContext db, UserId worker, DateTimeOffset now) =>
        db.BreakGlassGrants.AsNoTracking().Where(BreakGlassGrant.InForceAt(now)).Where(g => g.WorkerId == worker);

    public static IQueryable<PersonId> VisibleTo(IApplicationDbContext db, ICurrentUser user, DateTimeOffset now)
    {
        var conversations = db.Conversations.AsNoTracking();
        if (user.UserId is not { } me || !user.HoldsRecords())
        {
            return conversations.Where(_ => false).Select(c => c.PersonId);
        }

        var grants = EmergencyAccess(db, me, now);
        var visible = InTeamAround(me);
        if (RecordOversight.TeamLedBy(user) is { } team)
        {
            visible = visible.Or(RecordOversight.LedFromTeam(db, team));
        }

        return conversations.Where(visible.Or(c => grants.Any(g => g.PersonId == c.PersonId))).Select(c => c.PersonId);
    }

    /// <summary>Which of these people the worker may see.</summary>
    public static async Task<HashSet<PersonId>> WhichVisibleAsync(
        IApplicationDbContext db, ICurrentUser user, DateTimeOffset now, IEnumerable<PersonId> people, CancellationToken cancellationToken)
    {
        var asked = people.Distinct().ToList();
        if (asked.Count == 0)
        {
            return [];
        }

        return (await VisibleTo(db, user, now).Where(p => asked.Contains(p)).ToListAsync(cancellationToken)).ToHashSet();
    }
}
