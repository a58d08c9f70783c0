using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.ApiKeys;

[AllowedFor(Roles.Admin)]
public sealed record GetApiKeys(Guid? AgencyId = null) : IRequest<IReadOnlyList<ApiKeyDto>>;

internal sealed class GetApiKeysHandler(IApplicationDbContext db) : IRequestHandler<GetApiKeys, IReadOnlyList<ApiKeyDto>>
{
    public async Task<IReadOnlyList<ApiKeyDto>> Handle(GetApiKeys request, CancellationToken cancellationToken)
    {
        var keys = db.PartnerApiKeys.AsQueryable();
        if (request.AgencyId is { } agencyId)
        {
            keys = keys.Where(k => k.AgencyId == new AgencyId(agencyId));
        }

        return await ApiKeyQueries.Project(db, keys).ToListAsync(cancellationToken);
    }
}
