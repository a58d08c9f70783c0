using Hangfire;
using Locality.Application.Demand.Imports;

namespace Locality.Infrastructure.Jobs;

/// <summary>Imports run on the job server (Hangfire, in PostgreSQL), so an upload returns at once and survives a restart.</summary>
internal sealed class HangfireDemandImportQueue(IBackgroundJobClient jobs) : IDemandImportQueue
{
    public void Enqueue(Guid importId) => jobs.Enqueue<DemandImportJob>(job => job.RunAsync(importId, CancellationToken.None));
}
