using System.Security.Claims;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Infrastructure.Identity;

/// <summary>Adds the team, agency and display name to a signed-in person's claims, so each request knows them without a lookup.</summary>
public sealed class LocalityClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<ApplicationRole> roleManager,
    IOptions<IdentityOptions> options,
    LocalityDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser, ApplicationRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var id = new UserId(user.Id);
        var member = await (
                from s in db.StaffMembers.AsNoTracking()
                join t in db.Teams on s.TeamId equals t.Id
                where s.Id == id
                select new { s.DisplayName, s.TeamId, t.AgencyId })
            .SingleOrDefaultAsync();
        if (member is not null)
        {
            identity.AddClaim(new Claim(LocalityClaimTypes.DisplayName, member.DisplayName));
            identity.AddClaim(new Claim(LocalityClaimTypes.TeamId, member.TeamId.Value.ToString()));
            identity.AddClaim(new Claim(LocalityClaimTypes.AgencyId, member.AgencyId.Value.ToString()));
        }

        return identity;
    }
}
