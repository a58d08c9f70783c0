using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

/// <summary>
/// Refuses an account waiting for approval. It is kept, stopped and with no roles, so the person's next sign-in through
/// their provider finds it and is refused rather than asking again; an administrator can still let them in later.
/// </summary>
[AllowedFor(SecurityRoles.Admin)]
[AsksForRecentSecondFactor]
public sealed record RefuseUser(Guid Id, uint Version) : IRequest<UserDto>;

internal sealed class RefuseUserHandler(IApplicationDbContext db, IIdentityService identity) : IRequestHandler<RefuseUser, UserDto>
{
    public async Task<UserDto> Handle(RefuseUser request, CancellationToken cancellationToken)
    {
        var id = new UserId(request.Id);
        var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
                     ?? throw new NotFoundException("User");
        db.ExpectVersion(member, request.Version);
        if (!member.AwaitsApproval)
        {
            throw new ConflictException("This account is not waiting for approval.");
        }

        member.Approve();
        member.Deactivate();
        await db.SaveChangesAsync(cancellationToken);
        await identity.SetRolesAsync(id, [], cancellationToken);
        await identity.SetSignInAllowedAsync(id, false, cancellationToken);
        return await UserQueries.GetAsync(db, identity, id, cancellationToken);
    }
}
