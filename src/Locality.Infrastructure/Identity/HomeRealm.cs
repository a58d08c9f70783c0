using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Locality.Infrastructure.Identity;

/// <summary>Which agency's provider signs in an email address, by its domain (home-realm discovery).</summary>
public sealed class HomeRealm(LocalityDbContext db)
{
    /// <summary>The switched-on provider serving the email's domain, or null when the address signs in with a Locality password.</summary>
    public async Task<IdentityProvider?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var domain = DomainOf(email);
        return domain is null
            ? null
            : await db.IdentityProviders.AsNoTracking().FirstOrDefaultAsync(p => p.IsEnabled && p.EmailDomains.Contains(domain), cancellationToken);
    }

    /// <summary>The lower-case domain of an email address, or null when it has none a provider could serve.</summary>
    public static string? DomainOf(string email)
    {
        var at = email.LastIndexOf('@');
        var domain = at < 0 ? null : email[(at + 1)..].Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(domain) || domain.Length > IdentityProvider.DomainMaxLength || domain.Any(c => c < ' ' || char.IsSurrogate(c))
            ? null
            : domain;
    }
}
