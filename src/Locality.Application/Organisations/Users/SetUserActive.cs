using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

/// <summary>Stops (or lets again) someone signing in. Nothing they wrote is removed.</summary>
[AllowedFor(SecurityRoles.Admin)]
[AsksForRecentSecondFactor]
public sealed record SetUserActive(Guid Id, bool Active, uint Version) : IRequest<UserDto>;

internal sealed class SetUserActiveValidator : AbstractValidator<SetUserActive>
{
    public const string WaitingForApproval = "This account is waiting for approval. Approve it (choosing their team and roles) instead";

    // Letting someone in again is not a way round approval: an account waiting for it stays shut until it is approved.
    public SetUserActiveValidator(IApplicationDbContext db) =>
        RuleFor(x => x.Active)
            .MustAsync(async (request, active, ct) => !active || !await db.StaffMembers.AnyAsync(s => s.Id == new UserId(request.Id) && s.AwaitsApproval, ct))
            .WithMessage(WaitingForApproval);
}

internal sealed class SetUserActiveHandler(IApplicationDbContext db, IIdentityService identity, ICurrentUser currentUser)
    : IRequestHandler<SetUserActive, UserDto>
{
    public async Task<UserDto> Handle(SetUserActive request, CancellationToken cancellationToken)
    {
        var id = new UserId(request.Id);
        var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
                     ?? throw new NotFoundException("User");
        if (!request.Active && currentUser.UserId == id)
        {
            throw new ConflictException("You cannot stop yourself signing in. Ask another administrator.");
        }

        db.ExpectVersion(member, request.Version);
        if (request.Active)
        {
            member.Reactivate();
        }
        else
        {
            member.Deactivate();
        }

        await db.SaveChangesAsync(cancellationToken);
        await identity.SetSignInAllowedAsync(id, request.Active, cancellationToken);
        return await UserQueries.GetAsync(db, identity, id, cancellationToken);
    }
}
