using Hangfire;
using Locality.Domain.Demand;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Locality.Infrastructure.Jobs;

/// <summary>
/// Every minute: queues again any partner import still waiting a while after it was accepted. An import is stored
/// and answered 202 first and queued just after its commit, so an instance that dies between the two (killed, its
/// machine gone) would leave an accepted import that nothing runs; the caller, retrying with the same idempotency
/// key, is rightly answered from the stored 202 and would never know. A second run of an import that is already
/// running or finished does nothing (<see cref="DemandImportJob"/> holds a lock on the import while it runs).
/// </summary>
public sealed class StrandedImportsJob(IServiceScopeFactory scopes, IBackgroundJobClient jobs, TimeProvider clock, ILogger<StrandedImportsJob> log)
{
    public const string Id = "queue-stranded-imports";

    /// <summary>How long an accepted import may wait before it is queued again.</summary>
    public static readonly TimeSpan WaitingLongerThan = TimeSpan.FromMinutes(2);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        var before = clock.GetUtcNow() - WaitingLongerThan;
        var stranded = await db.DemandImports.AsNoTracking()
            .Where(i => i.Status == ImportStatus.Waiting && i.SubmittedAt < before)
            .OrderBy(i => i.SubmittedAt)
            .Select(i => i.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
        foreach (var id in stranded)
        {
            jobs.Enqueue<DemandImportJob>(job => job.RunAsync(id.Value, CancellationToken.None));
        }

        if (stranded.Count > 0)
        {
            log.LogWarning("Queued {Count} partner import(s) again that were still waiting {Minutes} minutes after they were accepted.", stranded.Count, WaitingLongerThan.TotalMinutes);
        }

        return stranded.Count;
    }
}
