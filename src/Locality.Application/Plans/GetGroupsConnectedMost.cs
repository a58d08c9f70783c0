using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

/// <summary>The groups a team's people are connected to most (a team lead's own team), with how many went and are still going.</summary>
[AllowedFor(Roles.TeamLead)]
public sealed record GetGroupsConnectedMost : IRequest<IReadOnlyList<GroupConnectionsDto>>;

internal sealed class GetGroupsConnectedMostHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetGroupsConnectedMost, IReadOnlyList<GroupConnectionsDto>>
{
    public async Task<IReadOnlyList<GroupConnectionsDto>> Handle(GetGroupsConnectedMost request, CancellationToken cancellationToken)
    {
        var team = user.TeamId ?? throw new ForbiddenException("Only a team lead with a team can see this.");
        var rows = await (
                from c in db.Connections.AsNoTracking()
                join conversation in db.Conversations on c.PersonId equals conversation.PersonId
                join lead in db.StaffMembers on conversation.LeadWorkerId equals lead.Id
                join g in db.CommunityGroups on c.GroupId equals g.Id
                where lead.TeamId == team
                group c by new { g.Id, g.Name } into byGroup
                select new
                {
                    byGroup.Key.Id,
                    byGroup.Key.Name,
                    Connected = byGroup.Select(c => c.PersonId).Distinct().Count(),
                    Went = byGroup.Where(c => c.Went == true).Select(c => c.PersonId).Distinct().Count(),
                    StillGoing = byGroup.Where(c => c.StillGoing == true).Select(c => c.PersonId).Distinct().Count(),
                })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.Connected).ThenByDescending(r => r.StillGoing).ThenBy(r => r.Name)
            .Select(r => new GroupConnectionsDto(r.Id.Value, r.Name, r.Connected, r.Went, r.StillGoing)).ToList();
    }
}
