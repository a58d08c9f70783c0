using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

/// <summary>
/// Lets someone whose first sign-in through their agency's provider made an account waiting for approval sign in,
/// in the team and with the roles chosen now (until then they hold none).
/// </summary>
[AllowedFor(SecurityRoles.Admin)]
[AsksForRecentSecondFactor]
public sealed record ApproveUser(Guid Id, Guid TeamId, IReadOnlyList<string> Roles, uint Version) : IRequest<UserDto>;

internal sealed class ApproveUserValidator : AbstractValidator<ApproveUser>
{
    public ApproveUserValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.TeamId)
            .RequiredId("the team they belong to")
            .ExistingTeam(db);
        RuleFor(x => x.Roles).AtMostLongestList("roles");
        RuleFor(x => x.Roles)
            .Must(roles => (roles ?? []).All(r => SecurityRoles.ForPeople.Contains(r)))
            .WithMessage($"Select roles from the list: {string.Join(", ", SecurityRoles.ForPeople)}");
    }
}

internal sealed class ApproveUserHandler(IApplicationDbContext db, IIdentityService identity) : IRequestHandler<ApproveUser, UserDto>
{
    public async Task<UserDto> Handle(ApproveUser request, CancellationToken cancellationToken)
    {
        var id = new UserId(request.Id);
        var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
                     ?? throw new NotFoundException("User");
        db.ExpectVersion(member, request.Version);
        member.Approve();
        member.Change(member.DisplayName, new TeamId(request.TeamId));
        await db.SaveChangesAsync(cancellationToken);
        await identity.SetRolesAsync(id, (request.Roles ?? []).Distinct().ToList(), cancellationToken);
        await identity.SetSignInAllowedAsync(id, true, cancellationToken);
        return await UserQueries.GetAsync(db, identity, id, cancellationToken);
    }
}
