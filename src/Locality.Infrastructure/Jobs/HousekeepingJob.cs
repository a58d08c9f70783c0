using Locality.Infrastructure.Persistence;
using Locality.Infrastructure.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Infrastructure.Jobs;

/// <summary>
/// Hourly: forgets idempotency keys past their keeping period and rate-limit windows that ended more than an hour ago.
/// Housekeeping of technical tables, not a use case, so it sends no request: nothing about a person is read or changed.
/// </summary>
public sealed class HousekeepingJob(IServiceScopeFactory scopes)
{
    public const string Id = "housekeeping";

    /// <summary>The recurring jobs this one replaced, taken off the schedule of an install that had them.</summary>
    public static readonly IReadOnlyList<string> Replaced = ["forget-idempotency-keys", "forget-rate-limit-windows"];

    /// <returns>How many rows were forgotten.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<IdempotencyStore>().ForgetOldKeysAsync(cancellationToken);
        var windows = await scope.ServiceProvider.GetRequiredService<RateLimitCounter>().ForgetEndedAsync(TimeSpan.FromHours(1), cancellationToken);
        return keys + windows;
    }
}
