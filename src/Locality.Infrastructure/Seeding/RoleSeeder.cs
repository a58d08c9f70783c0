using Locality.Application.Common.Security;
using Locality.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Locality.Infrastructure.Seeding;

/// <summary>The roles are part of the product, not demo data: the migrate step makes sure each exists.</summary>
public static class RoleSeeder
{
    public static async Task EnsureRolesAsync(RoleManager<ApplicationRole> roles)
    {
        foreach (var role in Roles.ForPeople)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new ApplicationRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create the role {role}.");
                }
            }
        }
    }
}
