using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.TokenClients;

/// <summary>Stops a partner system's tokens working at once. It stays listed, marked removed.</summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record RemoveTokenClient(Guid Id) : IRequest<TokenClientDto>;

internal sealed class RemoveTokenClientHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<RemoveTokenClient, TokenClientDto>
{
    public async Task<TokenClientDto> Handle(RemoveTokenClient request, CancellationToken cancellationToken)
    {
        var id = new TokenClientId(request.Id);
        var client = await db.TokenClients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                     ?? throw new NotFoundException("Partner system token client");
        client.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await TokenClientQueries.GetAsync(db, id, cancellationToken);
    }
}
