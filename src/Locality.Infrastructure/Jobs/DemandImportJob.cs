using System.Diagnostics;
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
using Microsoft.Extensions.Options;

namespace Locality.Infrastructure.Jobs;

/// <summary>
/// Runs one partner import in the background: reads the file or batch, checks every row, and stores the good ones a
/// chunk at a time (<see cref="DemandImportWriter"/>), keeping the progress and the report on the import as it goes.
/// Run again after a failure, it carries on after the last chunk it stored.
/// </summary>
public sealed class DemandImportJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DemandImportOptions> options, ILogger<DemandImportJob> log)
{

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
        var began = Stopwatch.GetTimestamp();
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
        Func<long> countRows;
        if (import.Format == ImportFormat.Json)
        {
            var events = JsonSerializer.Deserialize<List<DemandBatchEvent>>(content) ?? [];
            header = DemandHeader.Standard;
            records = () => events.Select((e, i) => new CsvRecord(i + 1, DemandHeader.ValuesOf(e), null));
            countRows = () => events.Count;
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
            countRows = () =>
            {
                using var counting = CsvRecords.Open(content);
                return CsvRecords.Count(counting) - 1;
            };
        }

        var types = await db.DemandTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.RecordsAttendance, cancellationToken);
        var failures = (await db.FailureTypes.AsNoTracking().Select(t => t.Code).ToListAsync(cancellationToken)).ToHashSet();
        var rules = new DemandRules(types, failures, now);
        var writer = new DemandImportWriter(db, import, clock);
        await writer.PrepareAsync(cancellationToken);

        // People are matched on a connection of the checking's own, so that overlaps the storing too.
        await using var matchScope = scopes.CreateAsyncScope();
        matchScope.ServiceProvider.GetRequiredService<CurrentUserScope>().Override = SystemUser.Instance;
        var matching = matchScope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        await matching.Database.OpenConnectionAsync(cancellationToken);

        // The rows are counted (for the progress shown) and the import marked running, on a connection of its own,
        // while the first rows are checked and stored.
        string? message = header.Ignored.Count > 0 ? $"Columns not read (Locality does not use them): {string.Join(", ", header.Ignored)}." : null;
        var total = Task.Run(countRows, cancellationToken);
        var running = Task.Run(
            async () =>
            {
                var rowCount = await total;
                await using var statusScope = scopes.CreateAsyncScope();
                await statusScope.ServiceProvider.GetRequiredService<LocalityDbContext>().DemandImports.Where(i => i.Id == importId).ExecuteUpdateAsync(
                    s => s.SetProperty(i => i.Status, ImportStatus.Running).SetProperty(i => i.TotalRows, rowCount)
                        .SetProperty(i => i.StartedAt, i => i.StartedAt ?? now).SetProperty(i => i.Message, DemandImport.Fit(message)),
                    cancellationToken);
                writer.Phases.Add("reading and counting the file", began);
            },
            cancellationToken);

        var stage = new Pipeline(importId, header, rules, options.Value, matching, writer, running);
        try
        {
            await stage.StoreAsync(records().Skip((int)Math.Min(import.RowsDone, int.MaxValue)), careful: false, cancellationToken);
        }
        catch (Exception ex) when (DemandImportWriter.IsAlreadyStored(ex))
        {
            // A row was stored before (by an earlier run of this import, or another import of the same file): that
            // chunk was rolled back, and the import carries on after the last stored chunk, looking up which
            // references are stored before storing each batch.
            var done = await imports.AsNoTracking().Select(i => i.RowsDone).SingleAsync(cancellationToken);
            await stage.StoreAsync(records().Skip((int)Math.Min(done, int.MaxValue)), careful: true, cancellationToken);
        }

        await running;
        var finishing = writer.Phases.Start();
        await imports.ExecuteUpdateAsync(
            s => s.SetProperty(i => i.Status, ImportStatus.Finished).SetProperty(i => i.FinishedAt, clock.GetUtcNow()), cancellationToken);
        await db.DemandImportPayloads.Where(p => p.ImportId == importId).ExecuteDeleteAsync(cancellationToken);
        writer.Phases.Add("finishing", finishing);
        log.LogInformation("Demand import {ImportId} finished: {Rows} rows; time by phase: {Phases}", importId, await total, writer.Phases);
    }

    /// <summary>
    /// One way through an import's rows: checking on another thread (<see cref="CheckAsync"/>) a batch at a time,
    /// storing here as the batches come, in chunks (<see cref="DemandImportWriter"/>), so reading the file and writing
    /// to PostgreSQL overlap instead of taking turns. If storing fails, checking stops.
    /// </summary>
    private sealed class Pipeline(
        DemandImportId importId, DemandHeader header, DemandRules rules, DemandImportOptions sizes, LocalityDbContext matching, DemandImportWriter writer,
        Task running)
    {
        public async Task StoreAsync(IEnumerable<CsvRecord> records, bool careful, CancellationToken cancellationToken)
        {
            var batches = Channel.CreateBounded<CheckedChunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            using var stopChecking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var checking = Task.Run(() => CheckAsync(records, batches.Writer, stopChecking.Token), CancellationToken.None);
            var chunkBegan = Stopwatch.GetTimestamp();
            try
            {
                var waited = writer.Phases.Start();
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    writer.Phases.Add("waiting for checked rows", waited);
                    if (careful)
                    {
                        await running;
                        var began = Stopwatch.GetTimestamp();
                        ImportMeasurements.Record(await writer.StoreCarefullyAsync(batch, cancellationToken), Stopwatch.GetElapsedTime(began));
                    }
                    else
                    {
                        if (writer.RowsInChunk == 0)
                        {
                            chunkBegan = Stopwatch.GetTimestamp();
                        }

                        await writer.AddAsync(batch, cancellationToken);
                        if (writer.RowsInChunk >= sizes.ChunkRows)
                        {
                            await CommitAsync(chunkBegan, cancellationToken);
                        }
                    }

                    waited = writer.Phases.Start();
                }

                await CommitAsync(chunkBegan, cancellationToken);
            }
            finally
            {
                await writer.AbandonChunkAsync();
                await stopChecking.CancelAsync();
                await checking;
            }
        }

        private async Task CommitAsync(long chunkBegan, CancellationToken cancellationToken)
        {
            // The import is marked running (on another connection) before its progress first moves.
            await running;
            if (await writer.CommitChunkAsync(cancellationToken) is { } stored)
            {
                ImportMeasurements.Record(stored, Stopwatch.GetElapsedTime(chunkBegan));
            }
        }

        /// <summary>
        /// Checks every row, sets aside the rows whose source reference came earlier in the file, and matches the
        /// good ones to people, handing them on a batch at a time; anything that goes wrong is handed on too. A row is
        /// set aside as already seen once, here, so a batch stored again is the same batch every time.
        /// </summary>
        private async Task CheckAsync(IEnumerable<CsvRecord> records, ChannelWriter<CheckedChunk> batches, CancellationToken cancellationToken)
        {
            try
            {
                var size = Math.Max(1, sizes.BatchRows);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var good = new List<IncomingDemand>(size);
                var fresh = new List<int>(size);
                var bad = new List<DemandImportProblem>();
                long inBatch = 0;
                foreach (var record in records)
                {
                    if (DemandRowReader.Read(header, record, rules, out var problem) is { } row)
                    {
                        if (seen.Add(row.SourceReference))
                        {
                            fresh.Add(good.Count);
                        }

                        good.Add(row);
                    }
                    else
                    {
                        bad.Add(new DemandImportProblem(importId, record.Line, problem!));
                    }

                    if (++inBatch == size)
                    {
                        await batches.WriteAsync(new CheckedChunk(good, fresh, await PersonMatcher.MatchAsync(matching, good, cancellationToken), bad, inBatch), cancellationToken);
                        good = new List<IncomingDemand>(size);
                        fresh = new List<int>(size);
                        bad = [];
                        inBatch = 0;
                    }
                }

                if (inBatch > 0)
                {
                    await batches.WriteAsync(new CheckedChunk(good, fresh, await PersonMatcher.MatchAsync(matching, good, cancellationToken), bad, inBatch), cancellationToken);
                }

                batches.Complete();
            }
            catch (Exception ex)
            {
                batches.Complete(ex);
            }
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


    private async Task RefuseAsync(IQueryable<DemandImport> imports, string message, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        await imports.ExecuteUpdateAsync(
            s => s.SetProperty(i => i.Status, ImportStatus.Refused).SetProperty(i => i.Message, DemandImport.Fit(message + ".")).SetProperty(i => i.FinishedAt, at),
            cancellationToken);
    }
}
