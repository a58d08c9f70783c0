using System.Buffers.Text;
using System.Security.Claims;
using Locality.Application.Common.Security;
using Locality.Application.Organisations.IdentityProviders;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Locality.Infrastructure.Security;

/// <summary>
/// Checks an access token a partner agency's system got from its own provider (OAuth client credentials): its issuer and
/// client id (<c>client_id</c>, else <c>azp</c>) must be registered, and not removed, for one agency; it must be signed by
/// a key in that issuer's published key set, carry the client's audience (else <c>Api:Audience</c>), and be in date by
/// Locality's clock. Any failure is the same answer (401), and a provider that cannot be reached is one too.
/// </summary>
public sealed class PartnerTokens(
    LocalityDbContext db, TokenIssuers issuers, IConfiguration configuration, IOptions<IdentityProviderOptions> options, TimeProvider clock,
    ILogger<PartnerTokens> logger)
{
    public const string SchemeName = "PartnerToken";

    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    /// <summary>A bearer token shaped like a JWT (three base64url parts, split by dots), as a partner's provider issues.</summary>
    public static bool IsJwtBearer(HttpRequest request) =>
        BearerToken(request) is { } token && LooksLikeJwt(token);

    public static bool LooksLikeJwt(string token)
    {
        var parts = token.Split('.');
        return parts.Length == 3 && parts.All(p => p.Length > 0 && Base64Url.IsValid(p));
    }

    public async Task<ClaimsPrincipal?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (!LooksLikeJwt(token) || Read(token) is not { } unverified
            || Issuer(unverified.Issuer, options.Value.AllowHttp) is not { } issuer
            || ClientId(unverified) is not { } clientId)
        {
            return null;
        }

        // One registration, or none: the same client of an issuer registered for two agencies is refused, never guessed.
        var clients = await db.TokenClients.AsNoTracking()
            .Where(c => c.Issuer == issuer && c.ClientId == clientId && c.RevokedAt == null)
            .Take(2).ToListAsync(cancellationToken);
        if (clients is not [var client] || (client.Audience ?? configuration["Api:Audience"]) is not { Length: > 0 } audience)
        {
            return null;
        }

        Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration discovered;
        try
        {
            discovered = await issuers.GetAsync(issuer, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("The discovery document or keys of a registered token issuer could not be read ({Failure})", ex.GetType().Name);
            return null;
        }

        if (!string.Equals(discovered.Issuer?.TrimEnd('/'), issuer, StringComparison.Ordinal))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = [issuer, issuer + "/"],
            ValidAudience = audience,
            IssuerSigningKeys = discovered.SigningKeys,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } e && e.ToUniversalTime() > now - Skew && (notBefore is not { } nb || nb.ToUniversalTime() <= now + Skew),
        });
        if (!result.IsValid)
        {
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                issuers.Refresh(issuer);
            }

            return null;
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(LocalityClaimTypes.TokenClientId, client.Id.Value.ToString()),
                new Claim(LocalityClaimTypes.AgencyId, client.AgencyId.Value.ToString()),
                new Claim(LocalityClaimTypes.SignInProvider, client.Name),
                new Claim(ClaimTypes.Role, Roles.PartnerSystem),
                new Claim(ClaimTypes.Name, client.Name),
            ],
            SchemeName);
        return new ClaimsPrincipal(identity);
    }

    private static string? BearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;

    private static JsonWebToken? Read(string token)
    {
        try
        {
            return new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return null;
        }
    }

    /// <summary>The issuer as registrations keep it (no trailing slash), or null when it is no address Locality may ask.</summary>
    private static string? Issuer(string? issuer, bool allowHttp) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            ? issuer!.TrimEnd('/')
            : null;

    private static string? ClientId(JsonWebToken token) =>
        token.TryGetPayloadValue<string>("client_id", out var clientId) && !string.IsNullOrEmpty(clientId) ? clientId
        : token.TryGetPayloadValue<string>("azp", out var azp) && !string.IsNullOrEmpty(azp) ? azp
        : null;

    internal static async Task CheckAsync(MessageReceivedContext context)
    {
        if (BearerToken(context.Request) is not { } token)
        {
            context.NoResult();
            return;
        }

        var principal = await context.HttpContext.RequestServices.GetRequiredService<PartnerTokens>().ValidateAsync(token, context.HttpContext.RequestAborted);
        if (principal is null)
        {
            context.Fail("The access token is not valid.");
            return;
        }

        context.Principal = principal;
        context.Success();
    }
}

public static class PartnerTokenAuthentication
{
    /// <summary>The scheme for partners' own providers' access tokens (see <see cref="PartnerTokens"/>).</summary>
    public static AuthenticationBuilder AddPartnerTokens(this AuthenticationBuilder builder)
    {
        builder.Services.AddSingleton<TokenIssuers>();
        builder.Services.AddScoped<PartnerTokens>();
        return builder.AddJwtBearer(PartnerTokens.SchemeName, options =>
        {
            options.MapInboundClaims = false;
            options.Events = new JwtBearerEvents { OnMessageReceived = PartnerTokens.CheckAsync };
        });
    }
}
