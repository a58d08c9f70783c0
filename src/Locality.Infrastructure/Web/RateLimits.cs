using System.Security.Claims;
using System.Threading.RateLimiting;
using Locality.Infrastructure.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Infrastructure.Web;

/// <summary>
/// Limits on how fast anyone may try to sign in (per client address) and how fast each partner system (per key) or
/// partner viewer may call the partner API. Over the limit the answer is 429 with a Retry-After header. The limits
/// are held in each host's memory: with several instances behind a load balancer each instance counts separately.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string PartnerApi = "partner-api";

    public static IServiceCollection AddLocalityRateLimits(
        this IServiceCollection services, IConfiguration configuration, Func<HttpContext, Task>? writeRejection = null)
    {
        var signInPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 10);
        var partnerPerMinute = configuration.GetValue("RateLimits:PartnerApiPerMinute", 120);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (writeRejection is not null)
                {
                    await writeRejection(context.HttpContext);
                }
            };
            options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => Window(signInPerMinute)));
            options.AddPolicy(PartnerApi, context => RateLimitPartition.GetFixedWindowLimiter(
                CallerKey(context.User),
                _ => Window(partnerPerMinute)));
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int perMinute) => new()
    {
        PermitLimit = Math.Max(1, perMinute),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>Each partner key, or each signed-in person, counts on its own.</summary>
    private static string CallerKey(ClaimsPrincipal user) =>
        user.FindFirstValue(LocalityClaimTypes.ApiKeyId) is { } key ? $"key:{key}"
        : user.FindFirstValue(LocalityClaimTypes.TokenClientId) is { } client ? $"client:{client}"
        : user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? $"user:{id}"
        : "anonymous";
}
