using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Infrastructure;
using Npgsql;

namespace Locality.Api.Tests;

/// <summary>
/// A partner import runs on the worker host. A worker killed outright (SIGKILL, as the kernel's out-of-memory killer or
/// a lost machine would) has its import taken over by another worker within a minute; a worker asked to stop (SIGTERM,
/// as an orchestrator replacing it does) stops after its current chunk, exits cleanly and hands the import back at
/// once. Either way the import carries on after its last stored chunk and ends with the same report as an import
/// nobody interrupted: every event stored once.
/// </summary>
public sealed class JobTakeoverTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const int Events = 50_000;

    /// <summary>The workers here store chunks of 10,000 rows, so the 50,000 are five chunks and a worker can stop between them.</summary>
    private const int FirstChunk = 10_000;

    [Fact]
    public async Task AnImportWhoseWorkerIsKilled_IsTakenOverWithinAMinute_WithTheSameReportAndNothingStoredTwice()
    {
        var (police, agency, id) = await StartImportAsync("KILLED");

        long doneWhenKilled;
        using (var first = StartWorker())
        {
            doneWhenKilled = await WaitForAsync(id, p => p.Status == "Running" && p.RowsDone >= FirstChunk, TimeSpan.FromSeconds(120), first);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        Assert.True(doneWhenKilled < Events, "The import finished before its worker could be killed; nothing was taken over.");
        var takenOverAfter = await FinishOnAnotherWorkerAsync(id, doneWhenKilled);
        Assert.True(takenOverAfter < TimeSpan.FromMinutes(1), $"Taken over after {takenOverAfter.TotalSeconds:N0} s");
        await AssertStoredOnceAsync(police, agency, id);
    }

    [Fact]
    public async Task AWorkerAskedToStop_ExitsCleanlyAfterItsChunk_AndTheImportCarriesOnElsewhereAtOnce()
    {
        var (police, agency, id) = await StartImportAsync("STOPPED");

        var first = StartWorker();
        long doneWhenAsked;
        TimeSpan exitedAfter;
        using (first)
        {
            doneWhenAsked = await WaitForAsync(id, p => p.Status == "Running" && p.RowsDone >= FirstChunk, TimeSpan.FromSeconds(120), first);
            var asked = Stopwatch.StartNew();
            using (var terminate = Process.Start("kill", ["-TERM", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await terminate.WaitForExitAsync();
            }

            using var within = new CancellationTokenSource(TimeSpan.FromSeconds(45));
            await first.WaitForExitAsync(within.Token);
            exitedAfter = asked.Elapsed;
            Assert.Equal(0, first.ExitCode);
        }

        Assert.True(doneWhenAsked < Events, "The import finished before its worker was asked to stop; nothing was handed over.");
        Assert.True(exitedAfter < TimeSpan.FromSeconds(30), $"The worker took {exitedAfter.TotalSeconds:N0} s to stop.");

        // Handed back, not abandoned: the next worker takes it as soon as it polls, without waiting for the claim to lapse.
        var carriedOnAfter = await FinishOnAnotherWorkerAsync(id, doneWhenAsked);
        Assert.True(carriedOnAfter < HangfireSchema.InvisibilityTimeout, $"Carried on after {carriedOnAfter.TotalSeconds:N0} s, as if the claim had lapsed.");
        await AssertStoredOnceAsync(police, agency, id);
    }

    private async Task<(HttpClient Police, Guid Agency, Guid Import)> StartImportAsync(string prefix)
    {
        var (police, agency) = await api.PartnerSystemAsync();
        var start = api.Clock.GetUtcNow().AddDays(-30);
        var events = Enumerable.Range(1, Events).Select(i => new
        {
            sourceReference = $"{prefix}-{i}",
            type = "police-call-out",
            occurredAt = start.AddMinutes(i % 40_000).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            uprn = (100_000_000_000L + (i % 5_000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            classification = "failure",
            failureType = "REPEAT_CALLOUT",
        }).ToArray();

        // The documented 50,000 events fit the batch endpoint's own body limit (about 9 MB here; the default elsewhere is 1 MiB).
        var accepted = await police.PostAsJsonAsync("/api/demand/imports", new { agencyId = agency, events });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return (police, agency, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    /// <summary>Starts a second worker and waits for the import to move on and finish there; returns how long it took to move on.</summary>
    private async Task<TimeSpan> FinishOnAnotherWorkerAsync(Guid id, long doneBefore)
    {
        var clock = Stopwatch.StartNew();
        using var second = StartWorker();
        try
        {
            await WaitForAsync(id, p => p.RowsDone > doneBefore || p.Status == "Finished", TimeSpan.FromSeconds(90), second);
            var movedOnAfter = clock.Elapsed;
            await WaitForAsync(id, p => p.Status == "Finished", TimeSpan.FromSeconds(120), second);
            return movedOnAfter;
        }
        finally
        {
            second.Kill(entireProcessTree: true);
        }
    }

    private async Task AssertStoredOnceAsync(HttpClient police, Guid agency, Guid id)
    {
        var report = await police.GetFromJsonAsync<JsonElement>($"/api/demand/imports/{id}");
        Assert.Equal((Events, Events, Events, 0, 0), (report.GetProperty("totalRows").GetInt32(), report.GetProperty("rowsDone").GetInt32(),
            report.GetProperty("imported").GetInt32(), report.GetProperty("rejected").GetInt32(), report.GetProperty("alreadySeen").GetInt32()));
        Assert.Equal(Events, await api.Database.ScalarAsync("SELECT count(*) FROM demand_events WHERE agency_id = $1", agency));
        Assert.Equal(Events, await api.Database.ScalarAsync("SELECT count(DISTINCT source_reference) FROM demand_events WHERE agency_id = $1", agency));
    }

    /// <summary>A real job server: the worker host in a process of its own, running background jobs over the test's database.</summary>
    private Process StartWorker()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, [Path.Combine(AppContext.BaseDirectory, "Locality.Worker.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Locality"] = api.Database.ConnectionString;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DemandImports__ChunkRows"] = FirstChunk.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The job server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<long> WaitForAsync(Guid importId, Func<(string Status, long RowsDone), bool> done, TimeSpan within, Process server)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            Assert.False(server.HasExited, $"The worker stopped with exit code {(server.HasExited ? server.ExitCode : 0)}.");
            await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT status, rows_done FROM demand_imports WHERE id = $1", connection)
            {
                Parameters = { new NpgsqlParameter { Value = importId } },
            };
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var progress = (reader.GetString(0), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
            if (done(progress))
            {
                return progress.Item2;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The import did not get there within {within.TotalSeconds:N0} s.");
    }


}
