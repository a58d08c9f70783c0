using System.Globalization;
using System.Security.Claims;
using Locality.Application.Common.Security;
using Locality.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Locality.Infrastructure.Identity;

/// <summary>
/// Starts a session (a cookie or a bearer token) once every step of signing in is done, with claims saying how they
/// signed in: the method, the agency's provider, whether a second factor was part of it and when it was given. Every
/// audit row copies them, and the acts that ask for the second factor again read when it was last given.
/// </summary>
public sealed class SignInSessions(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, TimeProvider clock)
{
    private const string FirstStepClaim = "locality:first_step";

    /// <summary>The claims that say how someone signed in; a session refreshed from the store keeps them.</summary>
    public static readonly IReadOnlyList<string> StrengthClaims =
        [LocalityClaimTypes.SignInMethod, LocalityClaimTypes.SignInProvider, LocalityClaimTypes.SignInProviderKey, LocalityClaimTypes.SecondFactor, LocalityClaimTypes.SecondFactorAt];

    public async Task SignInAsync(ApplicationUser user, SignInMethod method, string scheme, string? provider = null, string? providerKey = null)
    {
        signIn.AuthenticationScheme = scheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, Claims(method, provider, providerKey, HasSecondFactor(method), clock.GetUtcNow()));
    }

    /// <summary>Signs in through a provider whose own second factor counted (its <c>amr</c> or <c>acr</c> said so).</summary>
    public async Task SignInThroughProviderAsync(ApplicationUser user, string scheme, string provider, string providerKey, bool providerSecondFactor)
    {
        signIn.AuthenticationScheme = scheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, Claims(SignInMethod.Provider, provider, providerKey, providerSecondFactor, clock.GetUtcNow()));
    }

    /// <summary>The same session, saying the second factor was given again now (confirming it is them before a serious act).</summary>
    public async Task ConfirmSecondFactorAsync(ApplicationUser user, ClaimsPrincipal current, string scheme)
    {
        var method = Enum.TryParse<SignInMethod>(current.FindFirstValue(LocalityClaimTypes.SignInMethod), out var m) ? m : SignInMethod.Password;
        signIn.AuthenticationScheme = scheme;
        await signIn.SignInWithClaimsAsync(
            user,
            isPersistent: false,
            Claims(method, current.FindFirstValue(LocalityClaimTypes.SignInProvider), current.FindFirstValue(LocalityClaimTypes.SignInProviderKey), secondFactor: true, clock.GetUtcNow()));
    }

    /// <summary>
    /// The first step is done (a password, or the agency's provider) and a second factor is needed: remembers who, and
    /// how they began, in Identity's short-lived two-factor cookie. No session starts until the second step.
    /// </summary>
    public async Task BeginSecondStepAsync(ApplicationUser user, string? provider, string? providerKey = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user.Id.ToString()), new(FirstStepClaim, provider is null ? "password" : "provider") };
        if (provider is not null)
        {
            claims.Add(new Claim(LocalityClaimTypes.SignInProvider, provider));
            claims.Add(new Claim(LocalityClaimTypes.SignInProviderKey, providerKey ?? string.Empty));
        }

        await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, IdentityConstants.TwoFactorUserIdScheme)));
    }

    /// <summary>Who is between the two steps of signing in in this browser, if anyone (and still allowed to sign in).</summary>
    public async Task<PendingSignIn?> GetPendingAsync()
    {
        var result = await signIn.Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (result.Principal?.FindFirstValue(ClaimTypes.Name) is not { } id
            || await users.FindByIdAsync(id) is not { } user
            || !await signIn.CanSignInAsync(user))
        {
            return null;
        }

        var throughProvider = result.Principal.FindFirstValue(FirstStepClaim) == "provider";
        return new PendingSignIn(
            user,
            throughProvider ? result.Principal.FindFirstValue(LocalityClaimTypes.SignInProvider) : null,
            throughProvider ? result.Principal.FindFirstValue(LocalityClaimTypes.SignInProviderKey) : null);
    }

    /// <summary>The second step is done: ends the in-between state and starts the session, named for both steps.</summary>
    public async Task CompleteSecondStepAsync(PendingSignIn pending, SecondFactorKind kind, string scheme)
    {
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        var method = (pending.Provider is null, kind) switch
        {
            (true, SecondFactorKind.Authenticator) => SignInMethod.PasswordAndAuthenticator,
            (true, SecondFactorKind.RecoveryCode) => SignInMethod.PasswordAndRecoveryCode,
            (true, SecondFactorKind.Passkey) => SignInMethod.PasswordAndPasskey,
            (false, SecondFactorKind.Authenticator) => SignInMethod.ProviderAndAuthenticator,
            (false, SecondFactorKind.RecoveryCode) => SignInMethod.ProviderAndRecoveryCode,
            _ => SignInMethod.ProviderAndPasskey,
        };
        await SignInAsync(pending.User, method, scheme, pending.Provider, pending.ProviderKey);
    }

    /// <summary>
    /// How a principal signed in, from the claims its sign-in wrote. A partner key or token says so by its own claims;
    /// a person's session from before sign-in strength was recorded reads as a password alone.
    /// </summary>
    public static SignInStrength ReadStrength(ClaimsPrincipal principal)
    {
        if (principal.FindFirstValue(LocalityClaimTypes.ApiKeyId) is not null)
        {
            return new SignInStrength(SignInMethod.ApiKey, null, false, null);
        }

        if (principal.FindFirstValue(LocalityClaimTypes.TokenClientId) is not null)
        {
            return new SignInStrength(SignInMethod.ClientCredentials, principal.FindFirstValue(LocalityClaimTypes.SignInProvider), false, null);
        }

        var method = Enum.TryParse<SignInMethod>(principal.FindFirstValue(LocalityClaimTypes.SignInMethod), out var m) && Enum.IsDefined(m) ? m : SignInMethod.Password;
        DateTimeOffset? at = long.TryParse(principal.FindFirstValue(LocalityClaimTypes.SecondFactorAt), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        return new SignInStrength(method, principal.FindFirstValue(LocalityClaimTypes.SignInProvider), principal.FindFirstValue(LocalityClaimTypes.SecondFactor) == "true", at);
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

    private static List<Claim> Claims(SignInMethod method, string? provider, string? providerKey, bool secondFactor, DateTimeOffset now)
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

        if (!string.IsNullOrEmpty(providerKey))
        {
            claims.Add(new Claim(LocalityClaimTypes.SignInProviderKey, providerKey));
        }

        return claims;
    }
}

/// <summary>Someone who has done the first step of signing in (a password, or their agency's provider named here).</summary>
public sealed record PendingSignIn(ApplicationUser User, string? Provider, string? ProviderKey = null);

public enum SecondFactorKind
{
    Authenticator = 1,
    RecoveryCode = 2,
    Passkey = 3,
}
