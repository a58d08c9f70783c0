using Locality.Application.Common.Interfaces;
using Locality.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Access;

internal static class EmergencyAccessQueries
{
    /// <summary>A team lead reviews access to the people their team leads; an administrator reviews all of it.</summary>
    public static IQueryable<BreakGlassGrant> ReviewableBy(IApplicationDbContext db, ICurrentUser user, bool includeReviewed)
    {
        var grants = db.BreakGlassGrants.AsQueryable();
        if (!includeReviewed)
        {
            grants = grants.Where(g => g.ReviewedAt == null);
        }

        if (!user.IsInRole(Common.Security.Roles.Admin))
        {
            var team = user.TeamId;
            grants = grants.Where(g => db.Conversations.Any(c => c.PersonId == g.PersonId
                && db.StaffMembers.Any(s => s.Id == c.LeadWorkerId && s.TeamId == team)));
        }

        return grants;
    }

    public static async Task<IReadOnlyList<EmergencyAccessDto>> DescribeAsync(
        IApplicationDbContext db, IQueryable<BreakGlassGrant> grants, CancellationToken cancellationToken) =>
        (await (
                from g in grants.AsNoTracking()
                join p in db.People on g.PersonId equals p.Id
                join w in db.StaffMembers on g.WorkerId equals w.Id
                orderby g.GrantedAt descending
                select new
                {
                    g.Id,
                    g.PersonId,
                    PersonName = (p.PreferredName ?? p.GivenName) + " " + p.FamilyName,
                    g.WorkerId,
                    WorkerName = w.DisplayName,
                    g.Reason,
                    g.GrantedAt,
                    g.ExpiresAt,
                    ReviewedByName = db.StaffMembers.Where(s => s.Id == g.ReviewedBy).Select(s => s.DisplayName).FirstOrDefault(),
                    g.ReviewedAt,
                    g.ReviewNote,
                })
            .Take(500)
            .ToListAsync(cancellationToken))
        .Select(g => new EmergencyAccessDto(
            g.Id.Value, g.PersonId.Value, g.PersonName, g.WorkerId.Value, g.WorkerName, g.Reason, g.GrantedAt, g.ExpiresAt, g.ReviewedByName, g.ReviewedAt, g.ReviewNote))
        .ToList();
}
