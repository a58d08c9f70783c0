using System.Security.Claims;
using Locality.Infrastructure.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Locality.Infrastructure.Web;

/// <summary>
/// Every request from a signed-in person (cookie or bearer token) is checked against their security stamp in
/// PostgreSQL, so signing out, a stopped account or a changed role ends the session at once on every instance, not
/// when a cookie is next revalidated or a token expires. A partner system's key carries no stamp; its key is checked
/// by its own handler on every request. One query by primary key per request.
/// </summary>
public static class SessionCheck
{
    /// <summary>Call straight after <c>UseAuthentication</c>.</summary>
    public static IApplicationBuilder UseLocalitySessionCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var stampClaim = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
                if (context.User.FindFirstValue(stampClaim) is not null
                    && await context.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>().ValidateSecurityStampAsync(context.User) is null)
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity());
                }
            }

            await next(context);
        });
}
