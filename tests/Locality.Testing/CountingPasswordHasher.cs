using Locality.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Locality.Testing;

/// <summary>Identity's own password hasher, counting how often a password is checked: sign-in must check one whoever is named.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
{
    private readonly PasswordHasher<ApplicationUser> real = new();
    private int verified;

    public int Verified => Volatile.Read(ref verified);

    public string HashPassword(ApplicationUser user, string password) => real.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verified);
        return real.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
