using Locality.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Infrastructure.Jobs;

/// <summary>
/// Hourly: forgets idempotency keys past their keeping period. Housekeeping of a technical table, not a use case, so it
/// sends no request: nothing about a person is read or changed.
/// </summary>
public sealed class IdempotencyKeysJob(IServiceScopeFactory scopes)
{
    public const string Id = "forget-idempotency-keys";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdempotencyStore>().ForgetOldKeysAsync(cancellationToken);
    }
}
