using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Agencies;

internal static class AgencyQueries
{
    public static IQueryable<AgencyDto> Project(IApplicationDbContext db, IQueryable<Agency> agencies) =>
        agencies.AsNoTracking().OrderBy(a => a.Name).Select(a => new AgencyDto(
            a.Id.Value, a.Name, a.Kind, db.Teams.Count(t => t.AgencyId == a.Id), a.Version));

    public static async Task<AgencyDto> GetAsync(IApplicationDbContext db, AgencyId id, CancellationToken cancellationToken) =>
        await Project(db, db.Agencies.Where(a => a.Id == id)).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Agency");
}
