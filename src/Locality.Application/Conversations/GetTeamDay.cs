using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Conversations;

/// <summary>A team lead's view of their team: each member's people, quiet, check-backs and ratings due, and the team's keep-trying and ratings-due lists.</summary>
[AllowedFor(Roles.TeamLead)]
public sealed record GetTeamDay(Guid? TeamId = null) : IRequest<TeamDayDto>;

internal sealed class GetTeamDayHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<ConversationOptions> options, IAuditTrail audit)
    : IRequestHandler<GetTeamDay, TeamDayDto>
{
    public async Task<TeamDayDto> Handle(GetTeamDay request, CancellationToken cancellationToken)
    {
        var teamId = request.TeamId is { } asked ? new TeamId(asked) : user.TeamId ?? throw new ForbiddenException();
        if (teamId != user.TeamId)
        {
            throw new ForbiddenException("You can see your own team only.");
        }

        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken) ?? throw new NotFoundException("Team");
        var members = await db.StaffMembers.AsNoTracking().Where(s => s.TeamId == teamId && s.IsActive)
            .OrderBy(s => s.DisplayName).Select(s => new { s.Id, s.DisplayName }).ToListAsync(cancellationToken);
        var moment = clock.Now();
        var people = await DayQueries.PeopleLedByAsync(db, members.Select(m => m.Id).ToList(), moment, options.Value.QuietAfter, cancellationToken);
        DayQueries.AuditListed(audit, people, nameof(GetTeamDay));
        var dueSoon = DayQueries.CheckBacksDue(people, moment.Today);
        var byLead = people.ToLookup(p => p.LeadWorkerId);
        var ratingsDue = await DayQueries.RatingsDueAsync(db, people, cancellationToken);
        var ratingsDueFor = ratingsDue.ToLookup(d => d.PersonId);
        var perMember = members.Select(m => new TeamMemberDayDto(
                m.Id.Value, m.DisplayName, byLead[m.Id.Value].Count(), byLead[m.Id.Value].Count(p => p.State == ConversationState.Quiet),
                dueSoon.Count(p => p.LeadWorkerId == m.Id.Value), byLead[m.Id.Value].Count(p => ratingsDueFor.Contains(p.PersonId))))
            .ToList();
        return new TeamDayDto(team.Id.Value, team.Name, perMember, DayQueries.KeepTrying(people), dueSoon, ratingsDue);
    }
}
