using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Organisations.Teams;

[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record CreateTeam(string Name, Guid AgencyId, Guid LocalityId) : IRequest<TeamDto>, ITeamFields;

internal sealed class CreateTeamValidator : AbstractValidator<CreateTeam>
{
    public CreateTeamValidator(IApplicationDbContext db) => this.AddTeamRules(db);
}

internal sealed class CreateTeamHandler(IApplicationDbContext db) : IRequestHandler<CreateTeam, TeamDto>
{
    public async Task<TeamDto> Handle(CreateTeam request, CancellationToken cancellationToken)
    {
        var team = new Team(TeamId.New(), request.Name, new AgencyId(request.AgencyId), new LocalityId(request.LocalityId));
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        return await TeamQueries.GetAsync(db, team.Id, cancellationToken);
    }
}
