using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Access;

/// <summary>
/// The people a worker may see in a list, by the rules <see cref="IPersonAccess"/> applies to one record: in the team
/// around the person, team lead of the lead key worker's team, or emergency access in force. A list that names a
/// person or carries their id keeps only these (or leaves the id out), so no list tells a worker more than opening the
/// record would.
/// </summary>
internal static class PersonVisibility
{
    public static IQueryable<PersonId> VisibleTo(IApplicationDbContext db, ICurrentUser user, DateTimeOffset now)
    {
        var conversations = db.Conversations.AsNoTracking();
        if (user.UserId is not { } me || !(user.IsInRole(Roles.KeyWorker) || user.IsInRole(Roles.TeamLead)))
        {
            return conversations.Where(_ => false).Select(c => c.PersonId);
        }

        if (user.IsInRole(Roles.TeamLead) && user.TeamId is { } team)
        {
            return conversations
                .Where(c => c.Members.Any(m => m.LeftAt == null && m.WorkerId == me)
                    || db.StaffMembers.Any(s => s.Id == c.LeadWorkerId && s.TeamId == team)
                    || db.BreakGlassGrants.Any(g => g.PersonId == c.PersonId && g.WorkerId == me && g.GrantedAt <= now && g.ExpiresAt > now))
                .Select(c => c.PersonId);
        }

        return conversations
            .Where(c => c.Members.Any(m => m.LeftAt == null && m.WorkerId == me)
                || db.BreakGlassGrants.Any(g => g.PersonId == c.PersonId && g.WorkerId == me && g.GrantedAt <= now && g.ExpiresAt > now))
            .Select(c => c.PersonId);
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
