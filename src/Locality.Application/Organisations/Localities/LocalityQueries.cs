using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Localities;

internal static class LocalityQueries
{
    public static IQueryable<LocalityDto> Project(IApplicationDbContext db, IQueryable<LocalityArea> localities) =>
        localities.AsNoTracking().OrderBy(l => l.Name).Select(l => new LocalityDto(
            l.Id.Value, l.Name, db.Teams.Count(t => t.LocalityId == l.Id), l.Version));

    public static async Task<LocalityDto> GetAsync(IApplicationDbContext db, LocalityId id, CancellationToken cancellationToken) =>
        await Project(db, db.Localities.Where(l => l.Id == id)).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Locality");
}
