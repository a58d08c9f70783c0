using System.Globalization;
using System.Security.Claims;
using Locality.Domain.Access;
using Microsoft.AspNetCore.Identity;

namespace Locality.Infrastructure.Identity;

/// <summary>
/// Starts a session (a cookie or a bearer token) once every step of signing in is done, with claims saying how they
/// signed in: the method, the agency's provider, whether a second factor was part of it and when it was given. Every
/// audit row copies them, and the acts that ask for the second factor again read when it was last given.
/// </summary>
public sealed class SignInSessions(SignInManager<ApplicationUser> signIn, TimeProvider clock)
{
    /// <summary>The claims that say how someone signed in; a session refreshed from the store keeps them.</summary>
    public static readonly IReadOnlyList<string> StrengthClaims =
        [LocalityClaimTypes.SignInMethod, LocalityClaimTypes.SignInProvider, LocalityClaimTypes.SecondFactor, LocalityClaimTypes.SecondFactorAt];

    public async Task SignInAsync(ApplicationUser user, SignInMethod method, string scheme, string? provider = null)
    {
        signIn.AuthenticationScheme = scheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, Claims(method, provider, HasSecondFactor(method), clock.GetUtcNow()));
    }

    /// <summary>Signs in through a provider whose own second factor counted (its <c>amr</c> or <c>acr</c> said so).</summary>
    public async Task SignInThroughProviderAsync(ApplicationUser user, string scheme, string provider, bool providerSecondFactor)
    {
        signIn.AuthenticationScheme = scheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, Claims(SignInMethod.Provider, provider, providerSecondFactor, clock.GetUtcNow()));
    }

    /// <summary>The same session, saying the second factor was given again now (confirming it is them before a serious act).</summary>
    public async Task ConfirmSecondFactorAsync(ApplicationUser user, ClaimsPrincipal current, string scheme)
    {
        var method = Enum.TryParse<SignInMethod>(current.FindFirstValue(LocalityClaimTypes.SignInMethod), out var m) ? m : SignInMethod.Password;
        signIn.AuthenticationScheme = scheme;
        await signIn.SignInWithClaimsAsync(
            user, isPersistent: false, Claims(method, current.FindFirstValue(LocalityClaimTypes.SignInProvider), secondFactor: true, clock.GetUtcNow()));
    }

    public static bool HasSecondFactor(SignInMethod method) => method is not (SignInMethod.Password or SignInMethod.Provider or SignInMethod.ApiKey or SignInMethod.ClientCredentials);

    /// <summary>Copies how they signed in from the session being refreshed to its replacement.</summary>
    public static void KeepStrength(ClaimsPrincipal from, ClaimsPrincipal to)
    {
        if (to.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        foreach (var claim in from.Claims.Where(c => StrengthClaims.Contains(c.Type)))
        {
            if (!identity.HasClaim(c => c.Type == claim.Type))
            {
                identity.AddClaim(new Claim(claim.Type, claim.Value));
            }
        }
    }

    private static List<Claim> Claims(SignInMethod method, string? provider, bool secondFactor, DateTimeOffset now)
    {
        var claims = new List<Claim>
        {
            new(LocalityClaimTypes.SignInMethod, method.ToString()),
            new(LocalityClaimTypes.SecondFactor, secondFactor ? "true" : "false"),
            // What Identity itself reads for "signed in with a second factor" (amr), so its own checks agree.
            new("amr", secondFactor ? "mfa" : "pwd"),
        };
        if (secondFactor)
        {
            claims.Add(new Claim(LocalityClaimTypes.SecondFactorAt, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }

        if (provider is not null)
        {
            claims.Add(new Claim(LocalityClaimTypes.SignInProvider, provider));
        }

        return claims;
    }
}
