using Locality.Infrastructure.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Infrastructure.Jobs;

/// <summary>Hourly: forgets rate-limit windows that ended more than an hour ago. Housekeeping of a technical table.</summary>
public sealed class RateLimitWindowsJob(IServiceScopeFactory scopes)
{
    public const string Id = "forget-rate-limit-windows";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RateLimitCounter>().ForgetEndedAsync(TimeSpan.FromHours(1), cancellationToken);
    }
}
