using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.TokenClients;

/// <summary>The partner systems that call with their own provider's tokens, for one agency or all.</summary>
[AllowedFor(Roles.Admin)]
public sealed record GetTokenClients(Guid? AgencyId = null) : IRequest<IReadOnlyList<TokenClientDto>>;

internal sealed class GetTokenClientsHandler(IApplicationDbContext db) : IRequestHandler<GetTokenClients, IReadOnlyList<TokenClientDto>>
{
    public async Task<IReadOnlyList<TokenClientDto>> Handle(GetTokenClients request, CancellationToken cancellationToken)
    {
        var clients = db.TokenClients.AsQueryable();
        if (request.AgencyId is { } agencyId)
        {
            clients = clients.Where(c => c.AgencyId == new AgencyId(agencyId));
        }

        return await TokenClientQueries.Project(db, clients).ToListAsync(cancellationToken);
    }
}
