using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Conversations;

/// <summary>
/// The people passed on most often, across all agencies: the ones the system is sending round and round. Only people the
/// team lead may open are listed (their team's, and any they are in the team around or have emergency access to).
/// </summary>
[AllowedFor(Roles.TeamLead)]
public sealed record GetPassedOnMost(bool MyTeamOnly = false, int Limit = GetPassedOnMost.DefaultLimit) : IRequest<IReadOnlyList<PassedOnDto>>
{
    public const int DefaultLimit = 20;
}

public sealed record PassedOnDto(Guid PersonId, string KnownAs, int HandOffCount, string LeadWorkerName, DateTimeOffset? LastHandOffAt);

internal sealed class GetPassedOnMostHandler(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, TimeProvider clock) : IRequestHandler<GetPassedOnMost, IReadOnlyList<PassedOnDto>>
{
    public async Task<IReadOnlyList<PassedOnDto>> Handle(GetPassedOnMost request, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(request.Limit, 1, 200);
        var visible = PersonVisibility.VisibleTo(db, user, clock.GetUtcNow());
        var conversations = db.Conversations.AsNoTracking().Where(c => c.HandOffCount > 0 && visible.Contains(c.PersonId));
        if (request.MyTeamOnly && user.TeamId is { } team)
        {
            conversations = conversations.Where(c => db.StaffMembers.Any(s => s.Id == c.LeadWorkerId && s.TeamId == team));
        }

        var rows = await (
                from c in conversations
                join p in db.People on c.PersonId equals p.Id
                join s in db.StaffMembers on c.LeadWorkerId equals s.Id
                orderby c.HandOffCount descending, p.FamilyName
                select new
                {
                    p.Id,
                    p.PreferredName,
                    p.GivenName,
                    p.FamilyName,
                    c.HandOffCount,
                    s.DisplayName,
                    Last = db.TimelineEntries.Where(e => e.PersonId == p.Id && e.Kind == Domain.Conversations.EntryKind.HandOff).Max(e => (DateTimeOffset?)e.OccurredAt),
                })
            .Take(limit)
            .ToListAsync(cancellationToken);
        audit.Listed(rows.Select(r => r.Id), nameof(GetPassedOnMost), ListedDetails.NameAndTimesPassedOn);

        return rows.Select(r => new PassedOnDto(r.Id.Value, $"{r.PreferredName ?? r.GivenName} {r.FamilyName}", r.HandOffCount, r.DisplayName, r.Last)).ToList();
    }
}
