using System.Linq.Expressions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Conversations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Access;

/// <summary>Who may see a person's record, decided afresh on every request (so a change takes effect at once).</summary>
internal interface IPersonAccess
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

        if (user.UserId is { } me && user.HoldsRecords())
        {
            var record = db.Conversations.AsNoTracking().Where(c => c.PersonId == person);
            var inTeam = PersonVisibility.InTeamAround(me);
            Expression<Func<Conversation, bool>> ledFromTeam = RecordOversight.TeamLedBy(user) is { } team
                ? RecordOversight.LedFromTeam(db, team)
                : _ => false;
            var grounds = await record
                .Select(_ => new { InTeam = record.Any(inTeam), LedFromTeam = record.Any(ledFromTeam) })
                .SingleOrDefaultAsync(cancellationToken);
            if (grounds is null)
            {
                return AccessDecision.Refused;
            }

            if (grounds.InTeam)
            {
                return new AccessDecision(AccessBasis.TeamAroundPerson, AccessDecision.Everything, MayContribute: true);
            }

            if (grounds.LedFromTeam)
            {
                return new AccessDecision(AccessBasis.TeamLead, AccessDecision.Everything, MayContribute: true);
            }

            var grant = await PersonVisibility.EmergencyAccess(db, me, clock.GetUtcNow())
                .Where(g => g.PersonId == person)
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
