using Locality.Infrastructure.Hosting;

namespace Locality.Infrastructure.Jobs;

/// <summary>What one chunk of an import stored: the counts its transaction added to the import's report.</summary>
internal readonly record struct StoredChunk(long Rows, long Imported, long AlreadySeen, long Rejected);

/// <summary>
/// Tells the metrics about one partner import a chunk at a time: how fast each chunk was stored
/// (<c>locality.import.rows_per_second</c>) and how many rows were stored, rejected or already seen
/// (<c>locality.import.rows</c>), from the chunk's own counts, so a resumed import counts only what it did.
/// </summary>
internal static class ImportMeasurements
{
    public static void Record(StoredChunk chunk, TimeSpan took)
    {
        if (took > TimeSpan.Zero)
        {
            LocalityTelemetry.ImportRowsPerSecond.Record(chunk.Rows / took.TotalSeconds);
        }

        Count("stored", chunk.Imported);
        Count("rejected", chunk.Rejected);
        Count("already_seen", chunk.AlreadySeen);
    }

    private static void Count(string outcome, long rows)
    {
        if (rows > 0)
        {
            LocalityTelemetry.ImportRows.Add(rows, new KeyValuePair<string, object?>("import.outcome", outcome));
        }
    }
}
