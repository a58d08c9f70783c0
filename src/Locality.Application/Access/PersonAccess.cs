using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Access;

/// <summary>Who may see a person's record, decided afresh on every request (so a change takes effect at once).</summary>
public interface IPersonAccess
{
    Task<AccessDecision> DecideAsync(PersonId person, CancellationToken cancellationToken);
}

internal sealed class PersonAccess(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IPartnerSharing sharing) : IPersonAccess
{
    public async Task<AccessDecision> DecideAsync(PersonId person, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.System))
        {
            return new AccessDecision(AccessBasis.System, AccessDecision.Everything);
        }

        if (user.UserId is { } me && (user.IsInRole(Roles.KeyWorker) || user.IsInRole(Roles.TeamLead)))
        {
            var team = await db.Conversations.AsNoTracking()
                .Where(c => c.PersonId == person)
                .Select(c => new
                {
                    InTeam = c.Members.Any(m => m.LeftAt == null && m.WorkerId == me),
                    LeadTeam = db.StaffMembers.Where(s => s.Id == c.LeadWorkerId).Select(s => s.TeamId).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (team is null)
            {
                return AccessDecision.Refused;
            }

            if (team.InTeam)
            {
                return new AccessDecision(AccessBasis.TeamAroundPerson, AccessDecision.Everything, MayContribute: true);
            }

            if (user.IsInRole(Roles.TeamLead) && team.LeadTeam == user.TeamId)
            {
                return new AccessDecision(AccessBasis.TeamLead, AccessDecision.Everything, MayContribute: true);
            }

            var now = clock.GetUtcNow();
            var grant = await db.BreakGlassGrants.AsNoTracking()
                .Where(g => g.PersonId == person && g.WorkerId == me && g.GrantedAt <= now && g.ExpiresAt > now)
                .OrderByDescending(g => g.GrantedAt)
                .Select(g => g.Reason)
                .FirstOrDefaultAsync(cancellationToken);
            if (grant is not null)
            {
                return new AccessDecision(AccessBasis.BreakGlass, AccessDecision.Everything, grant, MayContribute: true);
            }
        }

        if ((user.IsInRole(Roles.PartnerViewer) || user.IsInRole(Roles.PartnerSystem)) && user.AgencyId is { } agency)
        {
            return await sharing.DecideAsync(person, agency, cancellationToken);
        }

        return AccessDecision.Refused;
    }
}
