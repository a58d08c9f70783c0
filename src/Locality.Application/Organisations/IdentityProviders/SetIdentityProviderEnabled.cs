using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.IdentityProviders;

/// <summary>
/// Switches a provider off (its staff cannot sign in through it; its settings are kept) or on again. While it is off,
/// only break-glass administrators of its domains can sign in, with a password and a second factor.
/// </summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record SetIdentityProviderEnabled(Guid Id, bool Enabled, uint Version) : IRequest<IdentityProviderDto>;

internal sealed class SetIdentityProviderEnabledHandler(IApplicationDbContext db, IProviderSecrets secrets)
    : IRequestHandler<SetIdentityProviderEnabled, IdentityProviderDto>
{
    public async Task<IdentityProviderDto> Handle(SetIdentityProviderEnabled request, CancellationToken cancellationToken)
    {
        var id = new IdentityProviderId(request.Id);
        var provider = await db.IdentityProviders.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
                       ?? throw new NotFoundException("Identity provider");
        db.ExpectVersion(provider, request.Version);
        provider.SetEnabled(request.Enabled);
        await db.SaveChangesAsync(cancellationToken);
        return await IdentityProviderQueries.GetAsync(db, secrets, id, cancellationToken);
    }
}
