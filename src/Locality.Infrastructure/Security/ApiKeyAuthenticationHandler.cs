using System.Security.Claims;
using System.Text.Encodings.Web;
using Locality.Application.Common.Security;
using Locality.Application.Organisations.ApiKeys;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Locality.Infrastructure.Security;

/// <summary>
/// Authenticates a partner agency's system by the key in the <c>X-Api-Key</c> header. A revoked, unknown or
/// malformed key fails in the same way, so the response says nothing about which keys exist.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    LocalityDbContext db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = values[0]!.Trim();
        var prefix = ApiKeySecret.PrefixOf(presented);
        if (prefix is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var key = await db.PartnerApiKeys.SingleOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (key is null || key.IsRevoked || !ApiKeySecret.Matches(presented, key.SecretHash))
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            await db.PartnerApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(LocalityClaimTypes.ApiKeyId, key.Id.Value.ToString()),
                new Claim(LocalityClaimTypes.AgencyId, key.AgencyId.Value.ToString()),
                new Claim(ClaimTypes.Role, Roles.PartnerSystem),
                new Claim(ClaimTypes.Name, key.Name),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
