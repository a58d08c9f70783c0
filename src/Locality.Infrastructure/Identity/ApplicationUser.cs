using Microsoft.AspNetCore.Identity;

namespace Locality.Infrastructure.Identity;

/// <summary>Sign-in credentials. Shares its id with the staff member it belongs to.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>;

public sealed class ApplicationRole : IdentityRole<Guid>
{
    public ApplicationRole()
    {
    }

    public ApplicationRole(string name)
        : base(name)
    {
        Id = Guid.CreateVersion7();
        NormalizedName = name.ToUpperInvariant();
    }
}
