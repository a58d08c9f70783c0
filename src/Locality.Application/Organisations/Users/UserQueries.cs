using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Users;

internal static class UserQueries
{
    public static async Task<IReadOnlyList<UserDto>> ListAsync(
        IApplicationDbContext db, IIdentityService identity, IQueryable<StaffMember> members, CancellationToken cancellationToken)
    {
        var rows = await (
                from s in members.AsNoTracking()
                join t in db.Teams on s.TeamId equals t.Id
                join a in db.Agencies on t.AgencyId equals a.Id
                orderby s.DisplayName
                select new { s.Id, s.DisplayName, s.Email, TeamId = t.Id, TeamName = t.Name, AgencyId = a.Id, AgencyName = a.Name, a.Kind, s.IsActive, s.AwaitsApproval, s.Version })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await identity.GetRolesAsync(ids, cancellationToken);
        var breakGlass = await identity.GetBreakGlassAdminsAsync(ids, cancellationToken);
        return rows.Select(r => new UserDto(
                r.Id.Value, r.DisplayName, r.Email, r.TeamId.Value, r.TeamName, r.AgencyId.Value, r.AgencyName, r.Kind,
                roles.TryGetValue(r.Id, out var held) ? held : [], r.IsActive, r.AwaitsApproval, breakGlass.Contains(r.Id), r.Version))
            .ToList();
    }

    public static async Task<UserDto> GetAsync(IApplicationDbContext db, IIdentityService identity, UserId id, CancellationToken cancellationToken) =>
        (await ListAsync(db, identity, db.StaffMembers.Where(s => s.Id == id), cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException("User");
}
