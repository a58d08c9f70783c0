using FluentValidation;
using Locality.Application.Common.Interfaces;

namespace Locality.Application.Organisations.Teams;

internal sealed class CreateTeamValidator : AbstractValidator<CreateTeam>
{
    public CreateTeamValidator(IApplicationDbContext db) => this.AddTeamRules(db);
}
