using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

[AllowedFor(SecurityRoles.Admin)]
[AsksForRecentSecondFactor]
public sealed record UpdateUser(Guid Id, string DisplayName, Guid TeamId, IReadOnlyList<string> Roles, uint Version)
    : IRequest<UserDto>, IUserFields;

internal sealed class UpdateUserValidator : AbstractValidator<UpdateUser>
{
    public UpdateUserValidator(IApplicationDbContext db) => this.AddUserRules(db);
}

internal sealed class UpdateUserHandler(IApplicationDbContext db, IIdentityService identity) : IRequestHandler<UpdateUser, UserDto>
{
    public async Task<UserDto> Handle(UpdateUser request, CancellationToken cancellationToken)
    {
        var id = new UserId(request.Id);
        var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
                     ?? throw new NotFoundException("User");
        db.ExpectVersion(member, request.Version);
        if (member.AwaitsApproval)
        {
            throw new ConflictException("This account is waiting for approval: approve or refuse it first.");
        }

        member.Change(request.DisplayName, new TeamId(request.TeamId));
        await db.SaveChangesAsync(cancellationToken);
        await identity.SetRolesAsync(id, request.Roles.Distinct().ToList(), cancellationToken);
        if (!request.Roles.Contains(SecurityRoles.Admin))
        {
            // Break-glass is for administrators only, so it goes with the role.
            await identity.SetBreakGlassAdminAsync(id, false, cancellationToken);
        }

        return await UserQueries.GetAsync(db, identity, id, cancellationToken);
    }
}
