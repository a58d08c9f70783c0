using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

internal interface IUserFields
{
    string DisplayName { get; }
    Guid TeamId { get; }
    IReadOnlyList<string> Roles { get; }
}

internal static class UserRules
{
    public static void AddUserRules<T>(this AbstractValidator<T> validator, IApplicationDbContext db)
        where T : IUserFields
    {
        validator.RuleFor(x => x.DisplayName).RequiredText("their name", StaffMember.DisplayNameMaxLength);
        validator.RuleFor(x => x.TeamId)
            .RequiredId("the team they belong to")
            .ExistingTeam(db);
        validator.RuleFor(x => x.Roles).AtMostLongestList("roles");
        validator.RuleFor(x => x.Roles)
            .Must(roles => roles is { Count: > 0 }).WithMessage("Select at least one role")
            .Must(roles => roles.All(r => SecurityRoles.ForPeople.Contains(r)))
            .WithMessage($"Select roles from the list: {string.Join(", ", SecurityRoles.ForPeople)}");
    }
}
