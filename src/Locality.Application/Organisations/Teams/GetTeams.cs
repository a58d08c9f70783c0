using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Teams;

[AllowedForAnySignedIn]
public sealed record GetTeams(Guid? LocalityId = null, Guid? AgencyId = null) : IRequest<IReadOnlyList<TeamDto>>;

internal sealed class GetTeamsHandler(IApplicationDbContext db) : IRequestHandler<GetTeams, IReadOnlyList<TeamDto>>
{
    public async Task<IReadOnlyList<TeamDto>> Handle(GetTeams request, CancellationToken cancellationToken)
    {
        var teams = db.Teams.AsQueryable();
        if (request.LocalityId is { } localityId)
        {
            teams = teams.Where(t => t.LocalityId == new LocalityId(localityId));
        }

        if (request.AgencyId is { } agencyId)
        {
            teams = teams.Where(t => t.AgencyId == new AgencyId(agencyId));
        }

        return await TeamQueries.Project(db, teams).ToListAsync(cancellationToken);
    }
}
