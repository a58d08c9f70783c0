using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Access;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Sharing;

internal sealed class RestrictEntryValidator : AbstractValidator<RestrictEntry>
{
    /// <summary>Only roles that work with people's records can be named; partners and administrators cannot.</summary>
    public static readonly IReadOnlyList<string> NameableRoles = [SecurityRoles.KeyWorker, SecurityRoles.TeamLead];

    public RestrictEntryValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Roles).AtMostLongestList("roles");
        RuleFor(x => x.UserIds).AtMostLongestList("people");
        RuleFor(x => x.Roles)
            .Must(roles => roles is null || roles.All(NameableRoles.Contains))
            .WithMessage("Only key workers and team leads can be named");
        RuleFor(x => x.UserIds)
            .MustAsync(async (ids, ct) =>
            {
                var wanted = (ids ?? []).Distinct().Select(i => new UserId(i)).ToList();
                return wanted.Count == 0 || await db.StaffMembers.CountAsync(s => wanted.Contains(s.Id), ct) == wanted.Count;
            })
            .WithMessage("Select people from the list");
        RuleFor(x => x.Reason).RequiredText("why this entry must be restricted", EntryRestriction.ReasonMaxLength);
    }
}
