using System.Text.Json;
using System.Threading.Channels;
using Hangfire;
using Locality.Application.Demand.Imports;
using Locality.Domain.Demand;
using Locality.Infrastructure.Persistence;
using Locality.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Locality.Infrastructure.Jobs;

/// <summary>
/// Runs one partner import in the background: reads the file or batch, checks every row, and stores the good ones a
/// chunk at a time (<see cref="DemandImportWriter"/>), keeping the progress and the report on the import as it goes.
/// Run again after a failure, it carries on after the last chunk it stored.
/// </summary>
public sealed class DemandImportJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemandImportJob> log)
{
    public const int ChunkSize = 20_000;

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        var importId = new DemandImportId(id);

        // One run of an import at a time, across every worker: a second run (queued again by the sweep of stranded
        // imports, or a retry) while one is going does nothing. The lock goes with its connection, so a worker that
        // dies lets the next run take over.
        await using var lockScope = scopes.CreateAsyncScope();
        var running = lockScope.ServiceProvider.GetRequiredService<LocalityDbContext>().Database;
        await running.OpenConnectionAsync(cancellationToken);
        if (!await running.SqlQuery<bool>($"SELECT pg_try_advisory_lock(hashtextextended({id.ToString()}, 0)) AS \"Value\"").SingleAsync(cancellationToken))
        {
            log.LogInformation("Demand import {ImportId} is already being run elsewhere; this run leaves it to that one.", importId);
            return;
        }

        try
        {
            await RunHeldAsync(importId, cancellationToken);
        }
        finally
        {
            try
            {
                await running.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtextextended({id.ToString()}, 0))", CancellationToken.None);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
            {
                // The connection is gone (the database went away), and the lock with it.
            }
        }
    }

    private async Task RunHeldAsync(DemandImportId importId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserScope>().Override = SystemUser.Instance;
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        var import = await db.DemandImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId, cancellationToken);
        if (import is null || import.IsOver)
        {
            return;
        }

        var content = await db.DemandImportPayloads.AsNoTracking().Where(p => p.ImportId == importId).Select(p => p.Content).SingleAsync(cancellationToken);
        var imports = db.DemandImports.Where(i => i.Id == importId);
        var now = clock.GetUtcNow();

        DemandHeader header;
        Func<IEnumerable<CsvRecord>> records;
        long total;
        if (import.Format == ImportFormat.Json)
        {
            var events = JsonSerializer.Deserialize<List<DemandBatchEvent>>(content) ?? [];
            header = DemandHeader.Standard;
            records = () => events.Select((e, i) => new CsvRecord(i + 1, DemandHeader.ValuesOf(e), null));
            total = events.Count;
        }
        else
        {
            if (DemandFileShape.Check(content) is { } refusal)
            {
                await RefuseAsync(imports, refusal, cancellationToken);
                return;
            }

            using (var reader = CsvRecords.Open(content))
            {
                var all = CsvRecords.Read(reader);
                header = DemandHeader.Read(all.First().Values, out var problem) ?? throw new InvalidOperationException(problem);
            }

            records = () => ReadRows(content);
            using var counting = CsvRecords.Open(content);
            total = CsvRecords.Count(counting) - 1;
        }

        string? message = header.Ignored.Count > 0 ? $"Columns not read (Locality does not use them): {string.Join(", ", header.Ignored)}." : null;
        await imports.ExecuteUpdateAsync(
            s => s.SetProperty(i => i.Status, ImportStatus.Running).SetProperty(i => i.TotalRows, total)
                .SetProperty(i => i.StartedAt, i => i.StartedAt ?? now).SetProperty(i => i.Message, DemandImport.Fit(message)),
            cancellationToken);

        var types = await db.DemandTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.RecordsAttendance, cancellationToken);
        var failures = (await db.FailureTypes.AsNoTracking().Select(t => t.Code).ToListAsync(cancellationToken)).ToHashSet();
        var rules = new DemandRules(types, failures, now);
        var writer = new DemandImportWriter(db, import, clock);
        await writer.PrepareAsync(cancellationToken);

        // The next chunk is checked on another thread while this one is stored, so reading the file and writing to
        // PostgreSQL overlap instead of taking turns. If storing fails, checking stops.
        var chunks = Channel.CreateBounded<CheckedChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stopChecking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rows = records().Skip((int)Math.Min(import.RowsDone, int.MaxValue));

        // People are matched on a connection of the checking's own, so that too overlaps the storing.
        await using var matchScope = scopes.CreateAsyncScope();
        matchScope.ServiceProvider.GetRequiredService<CurrentUserScope>().Override = SystemUser.Instance;
        var matching = matchScope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        await matching.Database.OpenConnectionAsync(cancellationToken);
        var checking = Task.Run(() => CheckAsync(importId, header, rules, rows, matching, chunks.Writer, stopChecking.Token), CancellationToken.None);
        var measured = new ImportMeasurements(import);
        try
        {
            var waited = writer.Phases.Start();
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                writer.Phases.Add("waiting for checked rows", waited);
                await measured.StoreAsync(() => writer.WriteAsync(chunk.Good, chunk.Matches, chunk.Bad, chunk.Rows, cancellationToken), imports, chunk.Rows, cancellationToken);
                waited = writer.Phases.Start();
            }
        }
        finally
        {
            await stopChecking.CancelAsync();
            await checking;
        }

        await imports.ExecuteUpdateAsync(
            s => s.SetProperty(i => i.Status, ImportStatus.Finished).SetProperty(i => i.FinishedAt, clock.GetUtcNow()), cancellationToken);
        await db.DemandImportPayloads.Where(p => p.ImportId == importId).ExecuteDeleteAsync(cancellationToken);
        log.LogInformation("Demand import {ImportId} finished: {Rows} rows", importId, total);
        log.LogDebug("Demand import {ImportId} time by phase: {Phases}", importId, writer.Phases);
    }

    /// <summary>
    /// Checks every row and matches the good ones to people, handing them on a chunk at a time; anything that goes
    /// wrong is handed on too, to the writer.
    /// </summary>
    private static async Task CheckAsync(
        DemandImportId importId, DemandHeader header, DemandRules rules, IEnumerable<CsvRecord> records, LocalityDbContext matching,
        ChannelWriter<CheckedChunk> chunks, CancellationToken cancellationToken)
    {
        try
        {
            var good = new List<IncomingDemand>(ChunkSize);
            var bad = new List<DemandImportProblem>();
            long inChunk = 0;
            foreach (var record in records)
            {
                if (DemandRowReader.Read(header, record, rules, out var problem) is { } row)
                {
                    good.Add(row);
                }
                else
                {
                    bad.Add(new DemandImportProblem(importId, record.Line, problem!));
                }

                if (++inChunk == ChunkSize)
                {
                    await chunks.WriteAsync(new CheckedChunk(good, await PersonMatcher.MatchAsync(matching, good, cancellationToken), bad, inChunk), cancellationToken);
                    good = new List<IncomingDemand>(ChunkSize);
                    bad = [];
                    inChunk = 0;
                }
            }

            if (inChunk > 0)
            {
                await chunks.WriteAsync(new CheckedChunk(good, await PersonMatcher.MatchAsync(matching, good, cancellationToken), bad, inChunk), cancellationToken);
            }

            chunks.Complete();
        }
        catch (Exception ex)
        {
            chunks.Complete(ex);
        }
    }

    private static IEnumerable<CsvRecord> ReadRows(byte[] content)
    {
        using var reader = CsvRecords.Open(content);
        foreach (var record in CsvRecords.Read(reader).Skip(1))
        {
            yield return record;
        }
    }

    private sealed record CheckedChunk(List<IncomingDemand> Good, PersonMatches Matches, List<DemandImportProblem> Bad, long Rows);

    private async Task RefuseAsync(IQueryable<DemandImport> imports, string message, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        await imports.ExecuteUpdateAsync(
            s => s.SetProperty(i => i.Status, ImportStatus.Refused).SetProperty(i => i.Message, DemandImport.Fit(message + ".")).SetProperty(i => i.FinishedAt, at),
            cancellationToken);
    }
}
