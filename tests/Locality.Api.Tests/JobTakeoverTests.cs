using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Infrastructure.Jobs;
using Npgsql;

namespace Locality.Api.Tests;

/// <summary>
/// A partner import whose job server is killed outright (SIGKILL, as the kernel's out-of-memory killer or a lost machine
/// would) is taken over by another server within a minute, carries on after its last stored chunk, and ends with the
/// same report as an import nobody interrupted: every event stored once.
/// </summary>
public sealed class JobTakeoverTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const int Events = 50_000;

    [Fact]
    public async Task AnImportWhoseServerIsKilled_IsTakenOverWithinAMinute_WithTheSameReportAndNothingStoredTwice()
    {
        var (police, agency) = await api.PartnerSystemAsync();
        var start = api.Clock.GetUtcNow().AddDays(-30);
        var events = Enumerable.Range(1, Events).Select(i => new
        {
            sourceReference = $"TAKEOVER-{i}",
            type = "police-call-out",
            occurredAt = start.AddMinutes(i % 40_000).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            uprn = (100_000_000_000L + (i % 5_000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            classification = "failure",
            failureType = "REPEAT_CALLOUT",
        }).ToArray();

        // The documented 50,000 events fit the batch endpoint's own body limit (about 9 MB here; the default elsewhere is 1 MiB).
        var accepted = await police.PostAsJsonAsync("/api/demand/imports", new { agencyId = agency, events });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        long doneWhenKilled;
        using (var first = StartJobServer())
        {
            doneWhenKilled = await WaitForAsync(id, p => p.Status == "Running" && p.RowsDone >= DemandImportJob.ChunkSize, TimeSpan.FromSeconds(120), first);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        Assert.True(doneWhenKilled < Events, "The import finished before its server could be killed; nothing was taken over.");
        var killed = Stopwatch.StartNew();
        using var second = StartJobServer();
        try
        {
            await WaitForAsync(id, p => p.RowsDone > doneWhenKilled || p.Status == "Finished", TimeSpan.FromSeconds(90), second);
            var takenOverAfter = killed.Elapsed;
            await WaitForAsync(id, p => p.Status == "Finished", TimeSpan.FromSeconds(120), second);

            Assert.True(takenOverAfter < TimeSpan.FromMinutes(1), $"Taken over after {takenOverAfter.TotalSeconds:N0} s");
            var report = await police.GetFromJsonAsync<JsonElement>($"/api/demand/imports/{id}");
            Assert.Equal((Events, Events, Events, 0, 0), (report.GetProperty("totalRows").GetInt32(), report.GetProperty("rowsDone").GetInt32(),
                report.GetProperty("imported").GetInt32(), report.GetProperty("rejected").GetInt32(), report.GetProperty("alreadySeen").GetInt32()));
            Assert.Equal(Events, await api.Database.ScalarAsync("SELECT count(*) FROM demand_events WHERE agency_id = $1", agency));
            Assert.Equal(Events, await api.Database.ScalarAsync("SELECT count(DISTINCT source_reference) FROM demand_events WHERE agency_id = $1", agency));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
        }
    }

    /// <summary>A real job server: the API host in a process of its own, running background jobs over the test's database.</summary>
    private Process StartJobServer()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, [Path.Combine(AppContext.BaseDirectory, "Locality.Api.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Locality"] = api.Database.ConnectionString;
        start.Environment["Hangfire__RunServer"] = "true";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
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
            Assert.False(server.HasExited, $"The job server stopped with exit code {(server.HasExited ? server.ExitCode : 0)}.");
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
