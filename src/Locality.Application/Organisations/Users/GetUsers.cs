using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

[AllowedFor(SecurityRoles.Admin)]
public sealed record GetUsers(Guid? TeamId = null) : IRequest<IReadOnlyList<UserDto>>;

internal sealed class GetUsersHandler(IApplicationDbContext db, IIdentityService identity) : IRequestHandler<GetUsers, IReadOnlyList<UserDto>>
{
    public Task<IReadOnlyList<UserDto>> Handle(GetUsers request, CancellationToken cancellationToken)
    {
        var members = db.StaffMembers.AsQueryable();
        if (request.TeamId is { } teamId)
        {
            members = members.Where(s => s.TeamId == new TeamId(teamId));
        }

        return UserQueries.ListAsync(db, identity, members, cancellationToken);
    }
}
