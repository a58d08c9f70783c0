using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Organisations.Teams;

[AllowedForAnySignedIn]
public sealed record GetTeam(Guid Id) : IRequest<TeamDto>;

internal sealed class GetTeamHandler(IApplicationDbContext db) : IRequestHandler<GetTeam, TeamDto>
{
    public Task<TeamDto> Handle(GetTeam request, CancellationToken cancellationToken) =>
        TeamQueries.GetAsync(db, new TeamId(request.Id), cancellationToken);
}
