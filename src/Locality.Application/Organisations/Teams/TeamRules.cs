using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;

namespace Locality.Application.Organisations.Teams;

/// <summary>The fields a team is made of, checked the same way when it is created and when it is changed.</summary>
internal interface ITeamFields
{
    string Name { get; }
    Guid AgencyId { get; }
    Guid LocalityId { get; }
}

internal static class TeamRules
{
    public static void AddTeamRules<T>(this AbstractValidator<T> validator, IApplicationDbContext db)
        where T : ITeamFields
    {
        validator.RuleFor(x => x.Name).RequiredText("a name", Team.NameMaxLength);
        validator.RuleFor(x => x.AgencyId)
            .RequiredId("the agency the team belongs to")
            .ExistingAgency(db);
        validator.RuleFor(x => x.LocalityId)
            .RequiredId("the locality the team works in")
            .ExistingLocality(db);
    }
}
