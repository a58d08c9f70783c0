using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Teams;

[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record UpdateTeam(Guid Id, string Name, Guid AgencyId, Guid LocalityId, uint Version) : IRequest<TeamDto>, ITeamFields;

internal sealed class UpdateTeamValidator : AbstractValidator<UpdateTeam>
{
    public UpdateTeamValidator(IApplicationDbContext db) => this.AddTeamRules(db);
}

internal sealed class UpdateTeamHandler(IApplicationDbContext db) : IRequestHandler<UpdateTeam, TeamDto>
{
    public async Task<TeamDto> Handle(UpdateTeam request, CancellationToken cancellationToken)
    {
        var id = new TeamId(request.Id);
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
                   ?? throw new NotFoundException("Team");
        db.ExpectVersion(team, request.Version);
        team.Change(request.Name, new AgencyId(request.AgencyId), new LocalityId(request.LocalityId));
        await db.SaveChangesAsync(cancellationToken);
        return await TeamQueries.GetAsync(db, id, cancellationToken);
    }
}
