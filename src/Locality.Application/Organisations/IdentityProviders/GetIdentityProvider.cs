using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Organisations.IdentityProviders;

[AllowedFor(Roles.Admin)]
public sealed record GetIdentityProvider(Guid Id) : IRequest<IdentityProviderDto>;

internal sealed class GetIdentityProviderHandler(IApplicationDbContext db, IProviderSecrets secrets) : IRequestHandler<GetIdentityProvider, IdentityProviderDto>
{
    public Task<IdentityProviderDto> Handle(GetIdentityProvider request, CancellationToken cancellationToken) =>
        IdentityProviderQueries.GetAsync(db, secrets, new IdentityProviderId(request.Id), cancellationToken);
}
