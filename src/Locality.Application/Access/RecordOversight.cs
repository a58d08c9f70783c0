using System.Linq.Expressions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Access;

/// <summary>
/// Who oversees a person's record: their lead key worker, and the team lead of that worker's team. They see who has
/// looked at the record and any emergency access to it.
/// </summary>
internal static class RecordOversight
{
    /// <summary>The team whose records the sender oversees as its team lead; null unless they are one.</summary>
    public static TeamId? TeamLedBy(ICurrentUser user) => user.IsInRole(Roles.TeamLead) ? user.TeamId : null;

    /// <summary>The record's lead key worker is in this team.</summary>
    public static Expression<Func<Conversation, bool>> LedFromTeam(IApplicationDbContext db, TeamId team) =>
        c => db.StaffMembers.Any(s => s.Id == c.LeadWorkerId && s.TeamId == team);

    public static Task<bool> OverseesAsync(IApplicationDbContext db, ICurrentUser user, PersonId person, CancellationToken cancellationToken)
    {
        Expression<Func<Conversation, bool>> oversees = _ => false;
        if (user.UserId is { } me)
        {
            oversees = oversees.Or(c => c.LeadWorkerId == me);
        }

        if (TeamLedBy(user) is { } team)
        {
            oversees = oversees.Or(LedFromTeam(db, team));
        }

        return db.Conversations.AsNoTracking().Where(c => c.PersonId == person).AnyAsync(oversees, cancellationToken);
    }

    /// <summary>The same, for a conversation already read: its lead is known, so only a team lead's team is looked up.</summary>
    public static async Task<bool> OverseesAsync(IApplicationDbContext db, ICurrentUser user, Conversation conversation, CancellationToken cancellationToken)
    {
        if (user.UserId is { } me && conversation.LeadWorkerId == me)
        {
            return true;
        }

        return TeamLedBy(user) is { } team
               && await db.Conversations.AsNoTracking().Where(c => c.Id == conversation.Id).AnyAsync(LedFromTeam(db, team), cancellationToken);
    }
}
