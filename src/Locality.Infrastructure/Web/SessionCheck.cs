using System.Security.Claims;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Persistence;
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
    /// <summary>Set on a request whose stamp could not be checked because the database was briefly away.</summary>
    private const string CouldNotCheck = "locality:session-could-not-check";

    /// <summary>
    /// Call straight after <c>UseAuthentication</c>. If the database is briefly away the request fails as any other
    /// would (503 with Retry-After, from the host's own error handling); the error page or problem it then shows is
    /// for nobody in particular, so showing it needs no second look at the database.
    /// </summary>
    public static IApplicationBuilder UseLocalitySessionCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Items.ContainsKey(CouldNotCheck))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else if (context.User.Identity?.IsAuthenticated == true)
            {
                var stampClaim = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
                if (context.User.FindFirstValue(stampClaim) is not null)
                {
                    ApplicationUser? user;
                    try
                    {
                        user = await context.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>().ValidateSecurityStampAsync(context.User);
                    }
                    catch (Exception ex) when (TransientDatabaseFailures.Is(ex))
                    {
                        context.Items[CouldNotCheck] = true;
                        throw;
                    }

                    if (user is null)
                    {
                        context.User = new ClaimsPrincipal(new ClaimsIdentity());
                    }
                }
            }

            await next(context);
        });
}
