using System.Diagnostics;
using Locality.Domain.Demand;
using Locality.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Locality.Infrastructure.Jobs;

/// <summary>
/// Tells the metrics about one partner import a chunk at a time: how fast each chunk was stored
/// (<c>locality.import.rows_per_second</c>) and how many rows were stored, rejected or already seen
/// (<c>locality.import.rows</c>), read from the import's own counts so a resumed import counts only what it did.
/// </summary>
internal sealed class ImportMeasurements(DemandImport import)
{
    private long stored = import.Imported;
    private long rejected = import.Rejected;
    private long alreadySeen = import.AlreadySeen;

    public async Task StoreAsync(Func<Task> store, IQueryable<DemandImport> imports, long rows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await store();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (seconds > 0)
        {
            LocalityTelemetry.ImportRowsPerSecond.Record(rows / seconds);
        }

        var now = await imports.AsNoTracking().Select(i => new { i.Imported, i.Rejected, i.AlreadySeen }).SingleAsync(cancellationToken);
        Count("stored", now.Imported - stored);
        Count("rejected", now.Rejected - rejected);
        Count("already_seen", now.AlreadySeen - alreadySeen);
        (stored, rejected, alreadySeen) = (now.Imported, now.Rejected, now.AlreadySeen);
    }

    private static void Count(string outcome, long rows)
    {
        if (rows > 0)
        {
            LocalityTelemetry.ImportRows.Add(rows, new KeyValuePair<string, object?>("import.outcome", outcome));
        }
    }
}
