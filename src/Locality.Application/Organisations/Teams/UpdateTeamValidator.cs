using FluentValidation;
using Locality.Application.Common.Interfaces;

namespace Locality.Application.Organisations.Teams;

internal sealed class UpdateTeamValidator : AbstractValidator<UpdateTeam>
{
    public UpdateTeamValidator(IApplicationDbContext db) => this.AddTeamRules(db);
}
