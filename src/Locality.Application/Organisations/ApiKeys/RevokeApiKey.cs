using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.ApiKeys;

/// <summary>Stops a key working at once. The key stays listed, marked revoked.</summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record RevokeApiKey(Guid Id) : IRequest<ApiKeyDto>;

internal sealed class RevokeApiKeyHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : IRequestHandler<RevokeApiKey, ApiKeyDto>
{
    public async Task<ApiKeyDto> Handle(RevokeApiKey request, CancellationToken cancellationToken)
    {
        var id = new ApiKeyId(request.Id);
        var key = await db.PartnerApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken)
                  ?? throw new NotFoundException("API key");
        key.Revoke(clock.GetUtcNow(), currentUser.UserId);
        await db.SaveChangesAsync(cancellationToken);
        return await ApiKeyQueries.GetAsync(db, id, cancellationToken);
    }
}
