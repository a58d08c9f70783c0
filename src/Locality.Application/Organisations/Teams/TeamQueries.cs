using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Teams;

internal static class TeamQueries
{
    public static IQueryable<TeamDto> Project(IApplicationDbContext db, IQueryable<Team> teams) =>
        from t in teams.AsNoTracking()
        join a in db.Agencies on t.AgencyId equals a.Id
        join l in db.Localities on t.LocalityId equals l.Id
        orderby l.Name, a.Name, t.Name
        select new TeamDto(
            t.Id.Value, t.Name, a.Id.Value, a.Name, l.Id.Value, l.Name,
            db.StaffMembers.Count(s => s.TeamId == t.Id && s.IsActive), t.Version);

    public static async Task<TeamDto> GetAsync(IApplicationDbContext db, TeamId id, CancellationToken cancellationToken) =>
        await Project(db, db.Teams.Where(t => t.Id == id)).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Team");
}
