namespace Locality.Infrastructure.Jobs;

/// <summary>
/// How a partner import is stored. Rows are checked and matched to people a batch at a time, and stored in chunks:
/// each chunk is one statement into <c>demand_events</c> in one transaction that also moves the import's progress on.
/// Fewer, larger chunks cost PostgreSQL less (each statement updates the totals once for all its rows), at the price
/// of progress shown in larger steps and, after a worker is stopped or killed, more rows checked again by the worker
/// that carries on (never stored twice). A chunk's rows are streamed to PostgreSQL as they are checked, so its size
/// costs no memory.
/// </summary>
public sealed class DemandImportOptions
{
    public const string Section = "DemandImports";

    /// <summary>Rows checked and matched at a time (default 10,000); an import that found its rows stored before stores one batch per transaction.</summary>
    public int BatchRows { get; set; } = 10_000;

    /// <summary>Rows stored in one chunk (default 250,000).</summary>
    public int ChunkRows { get; set; } = 250_000;
}
