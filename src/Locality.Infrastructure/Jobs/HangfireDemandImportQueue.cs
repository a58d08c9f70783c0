using Hangfire;
using Locality.Application.Common.Interfaces;
using Locality.Application.Demand.Imports;
using Locality.Domain.Demand;

namespace Locality.Infrastructure.Jobs;

/// <summary>
/// Imports run on the job server (Hangfire, in PostgreSQL), so an upload returns at once and survives a restart. The job
/// is queued once the import is committed, so it never starts before its import can be read.
/// </summary>
internal sealed class HangfireDemandImportQueue(IBackgroundJobClient jobs, IUnitOfWork unitOfWork) : IDemandImportQueue
{
    public void Enqueue(DemandImportId importId) =>
        unitOfWork.AfterCommit(() => jobs.Enqueue<DemandImportJob>(job => job.RunAsync(importId.Value, CancellationToken.None)));
}
