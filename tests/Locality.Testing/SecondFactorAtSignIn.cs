using System.Globalization;
using System.Security.Claims;
using Locality.Domain.Access;
using Locality.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Locality.Testing;

/// <summary>
/// STAND-IN until the sign-in pages' second step lands (one place, registered by <see cref="HostFactory{TEntryPoint}"/>):
/// a password sign-in in a test host starts a session as if the authenticator step had been done at that moment
/// (method, second factor, and when, by the host's clock). Sessions that already say how they signed in (made by
/// <see cref="SignInSessions"/>, or a refresh keeping its claims) are left as they are. Once the hosts sign in with a
/// real second step, remove this and have the factories' sign-in helpers give the authenticator code instead.
/// </summary>
public sealed class SecondFactorAtSignIn(
    UserManager<ApplicationUser> users,
    IHttpContextAccessor context,
    IUserClaimsPrincipalFactory<ApplicationUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    TimeProvider clock)
    : SignInManager<ApplicationUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var given = additionalClaims.ToList();
        if (!given.Any(c => c.Type is "amr" or LocalityClaimTypes.SignInMethod))
        {
            given.Add(new Claim(LocalityClaimTypes.SignInMethod, nameof(SignInMethod.PasswordAndAuthenticator)));
            given.Add(new Claim(LocalityClaimTypes.SecondFactor, "true"));
            given.Add(new Claim("amr", "mfa"));
            given.Add(new Claim(LocalityClaimTypes.SecondFactorAt, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }

        return base.SignInWithClaimsAsync(user, authenticationProperties, given);
    }
}
