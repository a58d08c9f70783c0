using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

[AllowedFor(SecurityRoles.Admin)]
public sealed record GetUser(Guid Id) : IRequest<UserDto>;

internal sealed class GetUserHandler(IApplicationDbContext db, IIdentityService identity) : IRequestHandler<GetUser, UserDto>
{
    public Task<UserDto> Handle(GetUser request, CancellationToken cancellationToken) =>
        UserQueries.GetAsync(db, identity, new UserId(request.Id), cancellationToken);
}
