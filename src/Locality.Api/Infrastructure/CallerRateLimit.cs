using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Locality.Infrastructure.Identity;

namespace Locality.Api.Infrastructure;

/// <summary>
/// A limit on how many API calls each caller makes a minute (each partner key, each signed-in person, otherwise each
/// client address), said on every answer in the <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and
/// <c>RateLimit-Reset</c> headers so a well-behaved client can slow down before it is refused. Over the limit the
/// answer is 429 with Retry-After. Counted in real time (not the business clock) in this instance's memory: behind a
/// load balancer each instance counts separately. Sign-in and the partner API have their own, lower limits too.
/// </summary>
internal sealed class CallerRateLimit(RequestDelegate next, IConfiguration configuration)
{
    public const string LimitHeader = "RateLimit-Limit";
    public const string RemainingHeader = "RateLimit-Remaining";
    public const string ResetHeader = "RateLimit-Reset";

    private static readonly long WindowTicks = Stopwatch.Frequency * 60;

    private readonly int perMinute = Math.Max(1, configuration.GetValue("RateLimits:ApiPerMinute", 600));
    private readonly ConcurrentDictionary<string, Window> windows = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var now = Stopwatch.GetTimestamp();
        ForgetFinishedWindows(now);
        var window = windows.GetOrAdd(CallerKey(context), _ => new Window(now));
        int used;
        long endsAt;
        lock (window)
        {
            if (now - window.StartedAt >= WindowTicks)
            {
                window.StartedAt = now;
                window.Used = 0;
            }

            used = ++window.Used;
            endsAt = window.StartedAt + WindowTicks;
        }

        var secondsLeft = Math.Max(1, (int)Math.Ceiling((endsAt - now) / (double)Stopwatch.Frequency));
        var headers = context.Response.Headers;
        headers[LimitHeader] = perMinute.ToString(CultureInfo.InvariantCulture);
        headers[RemainingHeader] = Math.Max(0, perMinute - used).ToString(CultureInfo.InvariantCulture);
        headers[ResetHeader] = secondsLeft.ToString(CultureInfo.InvariantCulture);
        if (used > perMinute)
        {
            headers.RetryAfter = secondsLeft.ToString(CultureInfo.InvariantCulture);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await Program.WriteTooManyRequestsAsync(context);
            return;
        }

        await next(context);
    }

    private static string CallerKey(HttpContext context) =>
        context.User.FindFirstValue(LocalityClaimTypes.ApiKeyId) is { } key ? $"key:{key}"
        : context.User.FindFirstValue(LocalityClaimTypes.TokenClientId) is { } client ? $"client:{client}"
        : context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? $"user:{id}"
        : $"address:{context.Connection.RemoteIpAddress}";

    /// <summary>Keeps memory bounded: once many callers are counted, windows that have ended are dropped.</summary>
    private void ForgetFinishedWindows(long now)
    {
        if (windows.Count < 10_000)
        {
            return;
        }

        foreach (var (key, window) in windows)
        {
            if (now - window.StartedAt >= WindowTicks)
            {
                windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class Window(long startedAt)
    {
        public long StartedAt { get; set; } = startedAt;

        public int Used { get; set; }
    }
}
