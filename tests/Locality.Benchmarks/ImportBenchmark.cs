using System.Diagnostics;
using System.Globalization;
using System.Text;
using Locality.Application.Common.Security;
using Locality.Application.Demand.Imports;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Jobs;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Locality.Benchmarks;

/// <summary>
/// A police force's call-out file imported as a team lead would import it (upload, then the background job), timed
/// against PostgreSQL alone taking the same checked rows into the same table from the same start, in the same run.
/// The bar: the import runs at no less than 0.9 of that rate. A plain COPY of the file into a bare table is timed
/// too, for context.
/// </summary>
internal static class ImportBenchmark
{
    private const double Bar = 0.9;

    public static async Task<int> RunAsync(ImportArguments options)
    {
        Console.WriteLine(
            $"Locality import benchmark: {options.Rows:N0} rows, {options.People:N0} people, seed {options.Seed}, " +
            $"chunks of {options.ChunkRows ?? new DemandImportOptions().ChunkRows:N0} rows");
        var app = new ApplicationHarness();
        if (options.ChunkRows is { } chunkRows)
        {
            app.Settings[$"{DemandImportOptions.Section}:{nameof(DemandImportOptions.ChunkRows)}"] = chunkRows.ToString(CultureInfo.InvariantCulture);
        }

        await app.InitializeAsync();
        var path = Path.Combine(Path.GetTempPath(), $"locality-police-call-outs-{Environment.ProcessId}.csv");
        try
        {
            Console.WriteLine($"PostgreSQL: {app.Database.Server.Description}");
            return await MeasureAsync(app, options, path);
        }
        finally
        {
            if (!options.KeepFile)
            {
                File.Delete(path);
            }

            await app.DisposeAsync();
        }
    }

    private static async Task<int> MeasureAsync(ApplicationHarness app, ImportArguments options, string path)
    {
        var clock = Stopwatch.StartNew();
        var generator = new LocalityGenerator(app.Database.OwnerConnectionString, options.People, options.People, options.Seed);
        await generator.GenerateAsync();
        var people = await KnownPeopleAsync(app.Database.ConnectionString);
        var lead = await app.CreateUserAsync(Roles.TeamLead);
        var police = (await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Police)).AgencyId!.Value;
        Console.WriteLine($"{people.Count:N0} people ({people.Count(p => p.Nhs is not null):N0} with an NHS number) in {clock.Elapsed.TotalSeconds:0} s");

        // Midnight (UTC) at the start of yesterday: no row is in the future, and the file is the same all day.
        var until = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1), TimeSpan.Zero);
        clock.Restart();
        var facts = await new PoliceCallOutFile(options.Rows, options.Seed, until, people).WriteAsync(path);
        Console.WriteLine(
            $"File: {facts.Rows:N0} rows, {facts.Bytes / 1024.0 / 1024.0:0.0} MiB, {facts.Addresses:N0} addresses; {facts.Duplicates:N0} repeated rows, " +
            $"{facts.Bad:N0} bad rows, {facts.NamingSomeone:N0} rows naming someone; written in {clock.Elapsed.TotalSeconds:0.0} s ({path})");

        var copyBefore = await CopyAsync(app.Database.OwnerConnectionString, path, facts.Rows);
        Console.WriteLine($"COPY before the import: {copyBefore.TotalSeconds:0.00} s, {facts.Rows / copyBefore.TotalSeconds:N0} rows/s");

        var content = await File.ReadAllBytesAsync(path);
        clock.Restart();
        var importId = await app.SendAsync(new UploadDemandFile(police.Value, null, "police-call-outs.csv", content), lead);
        var upload = clock.Elapsed;
        content = null;
        GC.Collect();
        Console.WriteLine($"Upload (checked and stored): {upload.TotalSeconds:0.00} s");

        var serverCpu = await ServerCpu.OfAsync(app.Database.OwnerConnectionString);
        var (serverBefore, ownBefore) = (serverCpu.Seconds(), Environment.CpuUsage.TotalTime.TotalSeconds);
        clock.Restart();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemandImportJob>().RunAsync(importId, CancellationToken.None);
        }

        var job = clock.Elapsed;
        var (serverDuring, ownDuring) = (serverCpu.Seconds() - serverBefore, Environment.CpuUsage.TotalTime.TotalSeconds - ownBefore);
        Console.WriteLine($"Import job: {job.TotalSeconds:0.00} s, {facts.Rows / job.TotalSeconds:N0} rows/s");
        Console.WriteLine($"CPU used while it ran: PostgreSQL {serverDuring:0.0} s, this process (reading, checking, matching, encoding) {ownDuring:0.0} s");
        Console.WriteLine(app.Logs.Lines.LastOrDefault(l => l.Contains("time by phase", StringComparison.Ordinal)) ?? "(the job logged no time by phase)");
        Console.WriteLine(app.Logs.Lines.LastOrDefault(l => l.Contains("time by phase", StringComparison.Ordinal)) ?? "(the job logged no time by phase)");

        var copyAfter = await CopyAsync(app.Database.OwnerConnectionString, path, facts.Rows);
        Console.WriteLine($"COPY after the import: {copyAfter.TotalSeconds:0.00} s, {facts.Rows / copyAfter.TotalSeconds:N0} rows/s");

        var (floor, floorCpu) = await FloorAsync(app.Database.OwnerConnectionString, importId, serverCpu);
        Console.WriteLine($"The same rows by PostgreSQL alone (INSERT … SELECT into an emptied demand_events, rolled back): {floor.TotalSeconds:0.00} s, {floorCpu:0.0} s of CPU");

        var report = await app.SendAsync(new GetDemandImport(importId), lead);
        var stored = await app.WithDbAsync(db => db.DemandEvents.LongCountAsync(e => e.AgencyId == police));
        var consistent = report.Status == ImportStatus.Finished
                         && report.TotalRows == facts.Rows && report.RowsDone == facts.Rows
                         && report.Imported + report.AlreadySeen + report.Rejected == facts.Rows
                         && stored == report.Imported
                         && report.AlreadySeen == facts.Duplicates && report.Rejected == facts.Bad;
        Console.WriteLine(
            $"Report: {report.Status}; {report.TotalRows:N0} rows: {report.Imported:N0} imported, {report.AlreadySeen:N0} already seen, {report.Rejected:N0} rejected; " +
            $"{report.Linked:N0} linked to a person, {report.Offered:N0} offered; {stored:N0} events stored for the agency");
        Console.WriteLine(consistent
            ? "The report adds up: imported + already seen + rejected = rows, the events stored = imported, and the repeated and bad rows are the ones the file was given"
            : $"THE REPORT DOES NOT ADD UP (expected {facts.Duplicates:N0} already seen and {facts.Bad:N0} rejected)");

        var copy = copyBefore < copyAfter ? copyBefore : copyAfter;
        var copyRate = facts.Rows / copy.TotalSeconds;
        var importRate = facts.Rows / job.TotalSeconds;
        var floorRate = facts.Rows / floor.TotalSeconds;
        var ratio = importRate / floorRate;
        Console.WriteLine();
        Console.WriteLine("| measure | seconds | rows/s |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| Locality import job | {job.TotalSeconds:0.00} | {importRate:N0} |");
        Console.WriteLine($"| PostgreSQL alone taking the same rows into demand_events, from the same empty start | {floor.TotalSeconds:0.00} | {floorRate:N0} |");
        Console.WriteLine($"| Upload and import job together | {(upload + job).TotalSeconds:0.00} | {facts.Rows / (upload + job).TotalSeconds:N0} |");
        Console.WriteLine($"| COPY of the file into a bare table (the faster of two) | {copy.TotalSeconds:0.00} | {copyRate:N0} |");
        Console.WriteLine();
        Console.WriteLine($"Import ÷ PostgreSQL alone: {ratio:0.000} (the bar is {Bar:0.00}: {(ratio >= Bar ? "met" : "NOT MET")})");
        Console.WriteLine($"For context: import ÷ COPY {importRate / copyRate:0.000}; PostgreSQL alone ÷ COPY {floorRate / copyRate:0.000}");
        return ratio >= Bar && consistent ? 0 : 1;
    }

    /// <summary>The same file into a table with its 13 columns as text and nothing else: no key, no index, no check.</summary>
    private static async Task<TimeSpan> CopyAsync(string connectionString, string path, long rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = string.Join(", ", PoliceCallOutFile.Header.Split(',').Select(c => $"{c} text"));
        await using (var create = new NpgsqlCommand($"DROP TABLE IF EXISTS bare_call_outs; CREATE TABLE bare_call_outs ({columns})", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var started = Stopwatch.GetTimestamp();
        await using (var writer = await connection.BeginTextImportAsync("COPY bare_call_outs FROM STDIN (FORMAT csv, HEADER true)"))
        using (var reader = new StreamReader(path, new UTF8Encoding(false), false, 1 << 16))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read));
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM bare_call_outs", connection);
        var copied = (long)(await count.ExecuteScalarAsync())!;
        if (copied != rows)
        {
            throw new InvalidOperationException($"COPY stored {copied:N0} rows of {rows:N0}.");
        }

        await using var drop = new NpgsqlCommand("DROP TABLE bare_call_outs", connection);
        await drop.ExecuteNonQueryAsync();
        return elapsed;
    }

    /// <summary>
    /// What demand_events itself costs, from the state the import started in: in one transaction that is rolled back,
    /// the rows the import stored and the rows stored before it are set aside in temporary tables, demand_events and
    /// its three totals are emptied, the rows from before the import are put back (their totals with them), and then
    /// PostgreSQL alone takes the import's rows (the same ids, agency and import) in again with one
    /// <c>INSERT … SELECT</c>: every index, foreign key and totals trigger, but no file, no checks, no look-ups, no
    /// matching. Only that <c>INSERT … SELECT</c> is timed.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, double Cpu)> FloorAsync(string connectionString, Guid importId, ServerCpu serverCpu)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var columns = string.Join(", ", DemandEventCopy.ColumnNames);
        foreach (var keep in new[]
                 {
                     $"CREATE TEMP TABLE floor_rows ON COMMIT DROP AS SELECT {columns} FROM demand_events WHERE import_id = $1 ORDER BY id",
                     "CREATE TEMP TABLE floor_before ON COMMIT DROP AS SELECT * FROM demand_events WHERE import_id IS DISTINCT FROM $1 ORDER BY id",
                 })
        {
            await using var command = new NpgsqlCommand(keep, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = importId });
            await command.ExecuteNonQueryAsync();
        }

        // The reclassifications refuse TRUNCATE (they are only ever added to); it is allowed here for the emptying
        // alone, in a transaction that is rolled back, and the triggers are back on before anything is inserted.
        await using (var empty = new NpgsqlCommand(
                         "SET LOCAL session_replication_role = replica; " +
                         "TRUNCATE demand_events, demand_monthly_totals, demand_address_months, demand_address_totals CASCADE; " +
                         "SET LOCAL session_replication_role = origin; " +
                         "INSERT INTO demand_events SELECT * FROM floor_before ORDER BY id; " +
                         "ANALYZE floor_rows",
                         connection, transaction))
        {
            await empty.ExecuteNonQueryAsync();
        }

        await using var insert = new NpgsqlCommand(
            $"INSERT INTO demand_events ({columns}) SELECT {columns} FROM floor_rows ORDER BY id", connection, transaction);
        var cpuBefore = serverCpu.Seconds();
        var started = Stopwatch.GetTimestamp();
        var inserted = await insert.ExecuteNonQueryAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = serverCpu.Seconds() - cpuBefore;
        await transaction.RollbackAsync();
        if (inserted == 0)
        {
            throw new InvalidOperationException("The import stored no rows to measure PostgreSQL alone with.");
        }

        return (elapsed, cpu);
    }

    private static async Task<List<KnownPerson>> KnownPeopleAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT given_name, family_name, preferred_name, date_of_birth, nhs_number FROM people " +
            "ORDER BY family_name, given_name, date_of_birth, nhs_number NULLS FIRST", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var people = new List<KnownPerson>();
        while (await reader.ReadAsync())
        {
            people.Add(new KnownPerson(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateOnly>(3), reader.IsDBNull(4) ? null : reader.GetString(4).Trim()));
        }

        return people;
    }
}

internal sealed record ImportArguments(int Rows, int People, int Seed, bool KeepFile, int? ChunkRows)
{
    public static ImportArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new ImportArguments(
            int.Parse(Value("--rows") ?? "1000000", CultureInfo.InvariantCulture),
            int.Parse(Value("--people") ?? "20000", CultureInfo.InvariantCulture),
            int.Parse(Value("--seed") ?? "20261123", CultureInfo.InvariantCulture),
            args.Contains("--keep-file"),
            Value("--chunk-rows") is { } chunk ? int.Parse(chunk, CultureInfo.InvariantCulture) : null);
    }
}

/// <summary>
/// The CPU time a local PostgreSQL server's processes have used (its postmaster's children, living and ended), read
/// from /proc: where an import's time goes on a machine with two cores, PostgreSQL's work or waiting for a core.
/// </summary>
internal sealed class ServerCpu(int? postmaster)
{
    public static async Task<ServerCpu> OfAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT setting FROM pg_settings WHERE name = 'data_directory'", connection);
            var data = (string)(await command.ExecuteScalarAsync())!;
            return new ServerCpu(int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or NpgsqlException)
        {
            return new ServerCpu(null);
        }
    }

    /// <summary>Seconds of CPU so far (NaN when the server is not on this machine or cannot be read).</summary>
    public double Seconds()
    {
        if (postmaster is not { } parent)
        {
            return double.NaN;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || Fields(pid) is not { } fields)
            {
                continue;
            }

            // From the state on: the parent's id is the second field; utime and stime (in clock ticks of 1/100 s)
            // the 12th and 13th; cutime and cstime (children that have ended) the 14th and 15th.
            if (pid == parent)
            {
                ticks += fields.Skip(11).Take(4).Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
            }
            else if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        return ticks / 100.0;
    }

    /// <summary>The fields of /proc/pid/stat from the state on (index 0 is the state), or null when it has gone.</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
