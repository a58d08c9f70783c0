using Locality.Application.Common.Interfaces;
using Locality.Application.Conversations;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

/// <summary>
/// Workers who can lead or join a conversation: key workers and team leads who can sign in, in teams of the sender's
/// locality (the workers a lead may be handed to).
/// </summary>
[AllowedFor(SecurityRoles.KeyWorker, SecurityRoles.TeamLead)]
public sealed record GetWorkers : IRequest<IReadOnlyList<WorkerDto>>;

public sealed record WorkerDto(Guid Id, string DisplayName, string TeamName, string AgencyName);

internal sealed class GetWorkersHandler(IApplicationDbContext db, IIdentityService identity, ICurrentUser user) : IRequestHandler<GetWorkers, IReadOnlyList<WorkerDto>>
{
    public async Task<IReadOnlyList<WorkerDto>> Handle(GetWorkers request, CancellationToken cancellationToken)
    {
        var rows = await (
                from s in WorkerRules.AssignableBy(db, user)
                join t in db.Teams on s.TeamId equals t.Id
                join a in db.Agencies on t.AgencyId equals a.Id
                orderby s.DisplayName
                select new { s.Id, s.DisplayName, TeamName = t.Name, AgencyName = a.Name })
            .ToListAsync(cancellationToken);
        var roles = await identity.GetRolesAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
        return rows
            .Where(r => roles.TryGetValue(r.Id, out var held) && SecurityRoles.HoldsRecords(held))
            .Select(r => new WorkerDto(r.Id.Value, r.DisplayName, r.TeamName, r.AgencyName))
            .ToList();
    }
}
