using Microsoft.AspNetCore.Identity;

namespace Locality.Infrastructure.Identity;

/// <summary>Sign-in credentials. Shares its id with the staff member it belongs to.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    /// <summary>
    /// A named break-glass administrator: may sign in with a password and a second factor even when their agency's
    /// domain signs in through its own provider, so the service can be reached when that provider is down.
    /// </summary>
    public bool IsBreakGlassAdmin { get; set; }
}

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
