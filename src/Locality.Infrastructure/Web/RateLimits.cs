using System.Globalization;
using System.Security.Claims;
using Locality.Infrastructure.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Locality.Infrastructure.Web;

/// <summary>
/// Limits on how fast anyone may call: every API call per caller (each partner key, partner client, signed-in person,
/// otherwise each client address), sign-in per client address, and the partner API per caller, each a number a
/// minute. Over a limit the answer is 429 with Retry-After. Counted in PostgreSQL (<see cref="RateLimitCounter"/>),
/// so behind a load balancer N instances still allow one limit, with nothing new to run. If the database cannot be
/// reached to count, the call goes on uncounted: it will meet the same outage in its own work and be answered 503.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string PartnerApi = "partner-api";
    public const string Api = "api";

    public const string LimitHeader = "RateLimit-Limit";
    public const string RemainingHeader = "RateLimit-Remaining";
    public const string ResetHeader = "RateLimit-Reset";

    public static IServiceCollection AddLocalityRateLimits(
        this IServiceCollection services, IConfiguration configuration, Func<HttpContext, Task>? writeRejection = null)
    {
        services.AddScoped<RateLimitCounter>();
        services.AddSingleton(new RateLimitSettings(
            new Dictionary<string, int>
            {
                [SignIn] = Math.Max(1, configuration.GetValue("RateLimits:SignInPerMinute", 10)),
                [PartnerApi] = Math.Max(1, configuration.GetValue("RateLimits:PartnerApiPerMinute", 120)),
                [Api] = Math.Max(1, configuration.GetValue("RateLimits:ApiPerMinute", 600)),
            },
            writeRejection));
        return services;
    }

    /// <summary>
    /// After authentication (callers are counted by who they are). With <paramref name="everyApiCall"/>, every call
    /// under <c>/api</c> is counted against the caller's limit, said in the RateLimit-* headers on every answer;
    /// endpoints marked <see cref="RateLimitedAttribute"/> are counted against their own policy as well.
    /// </summary>
    public static IApplicationBuilder UseLocalityRateLimits(this IApplicationBuilder app, bool everyApiCall) =>
        app.UseMiddleware<SharedRateLimits>(everyApiCall);

    /// <summary>Each partner key or client, or each signed-in person, counts on its own; anyone else by their address.</summary>
    internal static string CallerKey(HttpContext context) =>
        context.User.FindFirstValue(LocalityClaimTypes.ApiKeyId) is { } key ? $"key:{key}"
        : context.User.FindFirstValue(LocalityClaimTypes.TokenClientId) is { } client ? $"client:{client}"
        : context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? $"user:{id}"
        : AddressKey(context);

    internal static string AddressKey(HttpContext context) => $"address:{context.Connection.RemoteIpAddress}";
}

/// <summary>Marks an endpoint (an action or a minimal API group) as counted against a policy of <see cref="RateLimits"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RateLimitedAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

internal sealed record RateLimitSettings(IReadOnlyDictionary<string, int> PerMinute, Func<HttpContext, Task>? WriteRejection);

internal sealed class SharedRateLimits(RequestDelegate next, RateLimitSettings settings, ILogger<SharedRateLimits> logger, bool everyApiCall)
{
    private const int WindowSeconds = 60;

    public async Task InvokeAsync(HttpContext context, RateLimitCounter counter)
    {
        if (everyApiCall && context.Request.Path.StartsWithSegments("/api"))
        {
            var window = await CountAsync(counter, context, RateLimits.Api, RateLimits.CallerKey(context));
            if (window is var (used, secondsLeft))
            {
                var limit = settings.PerMinute[RateLimits.Api];
                var headers = context.Response.Headers;
                headers[RateLimits.LimitHeader] = limit.ToString(CultureInfo.InvariantCulture);
                headers[RateLimits.RemainingHeader] = Math.Max(0, limit - used).ToString(CultureInfo.InvariantCulture);
                headers[RateLimits.ResetHeader] = secondsLeft.ToString(CultureInfo.InvariantCulture);
                if (used > limit)
                {
                    await RefuseAsync(context, secondsLeft);
                    return;
                }
            }
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>() is { } limited)
        {
            var caller = limited.Policy == RateLimits.SignIn ? RateLimits.AddressKey(context) : RateLimits.CallerKey(context);
            if (await CountAsync(counter, context, limited.Policy, caller) is var (used, secondsLeft) && used > settings.PerMinute[limited.Policy])
            {
                await RefuseAsync(context, secondsLeft);
                return;
            }
        }

        await next(context);
    }

    private async Task<(int Used, int SecondsLeft)?> CountAsync(RateLimitCounter counter, HttpContext context, string policy, string caller)
    {
        try
        {
            var (used, secondsLeft) = await counter.CountAsync(policy, caller, WindowSeconds, context.RequestAborted);
            return (used, Math.Clamp((int)Math.Ceiling(secondsLeft), 1, WindowSeconds));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The {Policy} rate limit could not be counted; the call goes on uncounted.", policy);
            return null;
        }
    }

    private async Task RefuseAsync(HttpContext context, int secondsLeft)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = secondsLeft.ToString(CultureInfo.InvariantCulture);
        if (settings.WriteRejection is { } write)
        {
            await write(context);
        }
    }
}
