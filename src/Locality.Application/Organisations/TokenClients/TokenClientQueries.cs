using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.TokenClients;

internal static class TokenClientQueries
{
    public static IQueryable<TokenClientDto> Project(IApplicationDbContext db, IQueryable<TokenClient> clients) =>
        from c in clients.AsNoTracking()
        join a in db.Agencies on c.AgencyId equals a.Id
        orderby a.Name, c.RevokedAt != null, c.Name
        select new TokenClientDto(c.Id.Value, a.Id.Value, a.Name, c.Name, c.Issuer, c.ClientId, c.Audience, c.CreatedAt, c.RevokedAt);

    public static async Task<TokenClientDto> GetAsync(IApplicationDbContext db, TokenClientId id, CancellationToken cancellationToken) =>
        await Project(db, db.TokenClients.Where(c => c.Id == id)).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Partner system token client");

    /// <summary>An issuer as Locality keeps it and compares it: without a trailing slash.</summary>
    public static string Issuer(string issuer) => issuer.Trim().TrimEnd('/');
}
