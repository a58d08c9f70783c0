using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.ApiKeys;

internal static class ApiKeyQueries
{
    public static IQueryable<ApiKeyDto> Project(IApplicationDbContext db, IQueryable<PartnerApiKey> keys) =>
        from k in keys.AsNoTracking()
        join a in db.Agencies on k.AgencyId equals a.Id
        orderby a.Name, k.RevokedAt != null, k.Name
        select new ApiKeyDto(k.Id.Value, a.Id.Value, a.Name, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt, k.Version);

    public static async Task<ApiKeyDto> GetAsync(IApplicationDbContext db, ApiKeyId id, CancellationToken cancellationToken) =>
        await Project(db, db.PartnerApiKeys.Where(k => k.Id == id)).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("API key");
}
