using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

/// <summary>
/// Ends every session someone holds, on every instance of both hosts: their security stamp changes, so each cookie and
/// bearer token issued before it is refused at its next request. They can sign in again if their account allows it.
/// </summary>
[AllowedFor(SecurityRoles.Admin)]
[AsksForRecentSecondFactor]
public sealed record EndUserSessions(Guid Id) : IRequest<UserDto>;

internal sealed class EndUserSessionsHandler(IApplicationDbContext db, IIdentityService identity) : IRequestHandler<EndUserSessions, UserDto>
{
    public async Task<UserDto> Handle(EndUserSessions request, CancellationToken cancellationToken)
    {
        var id = new UserId(request.Id);
        if (!await db.StaffMembers.AnyAsync(s => s.Id == id, cancellationToken))
        {
            throw new NotFoundException("User");
        }

        await identity.EndSessionsAsync(id, cancellationToken);
        return await UserQueries.GetAsync(db, identity, id, cancellationToken);
    }
}
