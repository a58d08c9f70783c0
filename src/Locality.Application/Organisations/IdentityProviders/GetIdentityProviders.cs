using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Organisations.IdentityProviders;

/// <summary>Every agency's identity providers, or one agency's.</summary>
[AllowedFor(Roles.Admin)]
public sealed record GetIdentityProviders(Guid? AgencyId = null) : IRequest<IReadOnlyList<IdentityProviderDto>>;

internal sealed class GetIdentityProvidersHandler(IApplicationDbContext db, IProviderSecrets secrets)
    : IRequestHandler<GetIdentityProviders, IReadOnlyList<IdentityProviderDto>>
{
    public Task<IReadOnlyList<IdentityProviderDto>> Handle(GetIdentityProviders request, CancellationToken cancellationToken)
    {
        var providers = db.IdentityProviders.AsQueryable();
        if (request.AgencyId is { } agencyId)
        {
            providers = providers.Where(p => p.AgencyId == new AgencyId(agencyId));
        }

        return IdentityProviderQueries.ListAsync(db, secrets, providers, cancellationToken);
    }
}
