using System.Text.Json;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Locality.Infrastructure.Identity.Providers;

/// <summary>
/// OpenID Connect back-channel logout: the provider posts a signed logout token when someone signs out there (or is
/// removed), and every Locality session of theirs ends at once, on every instance (their security stamp changes).
/// The token must be signed by the provider's keys, issued by it, for Locality's client id, recent, carry the
/// back-channel logout event and a subject, and no nonce.
/// </summary>
public sealed class BackChannelLogout(
    ProviderSchemes schemes, IOptionsMonitor<OpenIdConnectOptions> optionsMonitor, UserManager<ApplicationUser> users, IIdentityService identity, TimeProvider clock)
{
    private const string LogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>True when the token was valid (whether or not anyone was signed in); false when it is refused.</summary>
    public async Task<bool> HandleAsync(IdentityProvider provider, string? logoutToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(logoutToken) || logoutToken.Length > 16_384)
        {
            return false;
        }

        var name = await schemes.EnsureAsync(provider);
        var options = optionsMonitor.Get(name);
        if (options.ConfigurationManager is null)
        {
            return false;
        }

        var configuration = await options.ConfigurationManager.GetConfigurationAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(logoutToken, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = provider.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            // A logout token need not expire; when it says when it was issued, that must be recent.
            RequireExpirationTime = false,
            ValidateLifetime = true,
            LifetimeValidator = (notBefore, expires, _, _) => expires is null || expires.Value > now.UtcDateTime.AddMinutes(-2),
            ClockSkew = TimeSpan.FromMinutes(2),
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return false;
        }

        if (token.TryGetPayloadValue<object>("nonce", out _)
            || !token.TryGetPayloadValue<JsonElement>("events", out var events) || events.ValueKind != JsonValueKind.Object || !events.TryGetProperty(LogoutEvent, out _)
            || !token.TryGetPayloadValue<long>("iat", out var issuedAt) || Math.Abs(now.ToUnixTimeSeconds() - issuedAt) > 600
            || !token.TryGetPayloadValue<string>("sub", out var subject) || string.IsNullOrEmpty(subject))
        {
            return false;
        }

        if (await users.FindByLoginAsync(ProviderSchemes.LoginProvider(provider.Key), subject) is { } user)
        {
            await identity.EndSessionsAsync(new UserId(user.Id), cancellationToken);
        }

        return true;
    }
}
