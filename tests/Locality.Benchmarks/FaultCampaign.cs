using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Locality.Benchmarks;

/// <summary>
/// The fault campaign against the running proving ground (deploy/local/cluster.sh): while the mixed load runs, each
/// fault in turn, with recovery between; for each, what the load saw and what the database holds afterwards.
/// Exits non-zero when an acknowledged write is missing, a write was applied twice, or a 500 was answered.
/// </summary>
internal static class FaultCampaign
{
    // Usage: dotnet run -c Release --project tests/Locality.Benchmarks -- faults [--only kill,pg-restart,failover,connections]
    //        [--before 8] [--after 8] [--workers 4]
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var only = Value("--only")?.Split(',') ?? ["kill", "pg-restart", "failover", "connections"];
        var before = TimeSpan.FromSeconds(double.Parse(Value("--before") ?? "8", CultureInfo.InvariantCulture));
        var after = TimeSpan.FromSeconds(double.Parse(Value("--after") ?? "8", CultureInfo.InvariantCulture));
        var workers = int.Parse(Value("--workers") ?? "4", CultureInfo.InvariantCulture);

        var ground = await ProvingGround.FromClusterAsync();
        Console.WriteLine($"Fault campaign against the proving ground: API {ground.Api}, web {ground.Web}; run {ground.RunId}");
        var ready = await ground.UntilAllReadyAsync(Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(60));
        if (double.IsNaN(ready))
        {
            Console.Error.WriteLine("Not every host is ready: start the proving ground first (deploy/local/cluster.sh start).");
            return 2;
        }

        await ground.PrepareAsync();
        var (teamLead, _) = await ProvingGround.WebSignInAsync(ground.Web, ProvingGround.TeamLead);
        Console.WriteLine(await SessionsSharedAsync(ground));

        var faults = new List<(string Key, string Name, Func<LoadTally, Task<string>> Inject)>
        {
            ("kill", "Kill one web and one API host (SIGKILL), then start them again", async _ =>
            {
                await ground.ClusterAsync("kill web1 api1");
                await Task.Delay(TimeSpan.FromSeconds(5));
                await ground.ClusterAsync("restart web1 api1");
                return "web1 and api1 killed; started again after 5 s";
            }),
            ("pg-restart", "Restart PostgreSQL (the primary, fast shutdown)", async _ => $"restarted {await ground.ClusterAsync("pg-restart")}"),
            ("failover", "Crash the primary (pg_ctl stop -m immediate) and promote the standby", async _ =>
            {
                var crashed = await ground.ClusterAsync("pg-crash");
                // What an operator's failure detection takes at the least (CloudNativePG: a few seconds).
                await Task.Delay(TimeSpan.FromSeconds(3));
                var promoted = await ground.ClusterAsync("pg-promote");
                return $"{crashed} crashed; {promoted} promoted 3 s later";
            }),
            ("connections", "Exhaust the connections (hold every free server connection for 15 s, with a burst of 60 reads)", async tally =>
            {
                var held = await HoldConnectionsAsync(ground, TimeSpan.FromSeconds(15), () => BurstAsync(ground, tally, 60));
                return $"held {held} connections for 15 s";
            }),
        };

        var rows = new List<string>();
        var failed = false;
        foreach (var (key, name, inject) in faults.Where(f => only.Contains(f.Key)))
        {
            Console.WriteLine();
            Console.WriteLine($"== {name}");
            var load = new MixedLoad(ground, ground.Api, teamLead, key) { KeyWorkers = workers };
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(stop.Token);
            await Task.Delay(before);
            var faultAt = Stopwatch.GetTimestamp();
            var what = await inject(load.Tally);
            var recovered = await ground.UntilAllReadyAsync(faultAt, TimeSpan.FromSeconds(180));
            Console.WriteLine($"   {what}; every host ready again {recovered:0.0} s after the fault began");
            var extra = string.Empty;
            if (key == "failover")
            {
                var rejoinAt = Stopwatch.GetTimestamp();
                var rejoined = await ground.ClusterAsync("pg-rejoin");
                extra = $"; {rejoined} again a standby in {Stopwatch.GetElapsedTime(rejoinAt).TotalSeconds:0} s";
                Console.WriteLine($"   old primary rejoined as a synchronous standby ({rejoined}) in {Stopwatch.GetElapsedTime(rejoinAt).TotalSeconds:0.0} s, under load");
            }

            await Task.Delay(after);
            await stop.CancelAsync();
            await running;
            var tally = load.Tally;
            var found = await WritesFound.CheckAsync(ground, key, tally);
            Console.WriteLine($"   requests sent {tally.Sent}; writes acknowledged {found.Notes} notes + {found.Imports} partner batches; " +
                              $"found afterwards {found.NotesFound} + {found.ImportsFound} ({found.ImportsUnfinished} batches not imported yet); duplicates {found.NoteDuplicates} + {found.ImportDuplicates}");
            Console.WriteLine($"   5xx: {tally.Status500} x 500, {tally.Status503WithRetryAfter} x 503 with Retry-After ({tally.Status503FromProxy} of them from HAProxy, no host ready), " +
                              $"{tally.Status503WithoutRetryAfter} x 503 without, {tally.OtherServerErrors} other; no answer {tally.TransportFailures}; read failures {tally.ReadFailures}; " +
                              $"429 {tally.TooMany}; other refusals {tally.OtherRefusals}; writes given up {tally.WritesGivenUp}");
            Console.WriteLine($"   p95: reads {LoadTally.Percentile(tally.ReadMs, 0.95):0} ms, notes {LoadTally.Percentile(tally.WriteMs, 0.95):0} ms (with retries), demand page {LoadTally.Percentile(tally.PageMs, 0.95):0} ms");
            foreach (var sample in tally.Samples.Take(6))
            {
                Console.WriteLine($"   e.g. {sample}");
            }

            rows.Add($"| {name} | {tally.Sent} | {found.Notes} + {found.Imports} | {found.NotesFound} + {found.ImportsFound} | {found.NoteDuplicates + found.ImportDuplicates} | " +
                     $"{tally.Status500} | {tally.Status503WithRetryAfter} ({tally.Status503FromProxy}) | {tally.Status503WithoutRetryAfter + tally.OtherServerErrors} | {tally.TransportFailures} | {tally.ReadFailures} | {recovered:0.0}{extra} |");
            failed |= found.NotesFound < found.Notes || found.ImportsFound < found.Imports || found.NoteDuplicates + found.ImportDuplicates > 0 || tally.Status500 > 0 || double.IsNaN(recovered);
        }

        Console.WriteLine();
        Console.WriteLine("| fault | requests sent | writes acknowledged (notes + partner batches) | found afterwards | duplicates | 500 | 503 with Retry-After (from HAProxy) | other 5xx | no answer | read failures | s until every host ready |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return failed ? 1 : 0;
    }

    /// <summary>
    /// No stickiness: a session made through one web host is known to the other (the cookie's keys are in PostgreSQL).
    /// Signs in through web1 directly and opens the demand page on web2 directly with the same cookie.
    /// </summary>
    public static async Task<string> SessionsSharedAsync(ProvingGround ground)
    {
        var (web1, cookies) = await ProvingGround.WebSignInAsync(new Uri($"http://127.0.0.1:{ground.HostPorts["web1"]}"), ProvingGround.TeamLead);
        web1.Dispose();
        var web2Address = new Uri($"http://127.0.0.1:{ground.HostPorts["web2"]}");
        using var web2 = ProvingGround.Client(web2Address, cookies);
        using var page = await web2.GetAsync("/team/demand");
        var shared = page.StatusCode == System.Net.HttpStatusCode.OK;
        return shared
            ? "Sessions are shared: signed in through web1, the demand page opened on web2 with the same cookie (200)."
            : $"SESSIONS NOT SHARED: signed in through web1, web2 answered {(int)page.StatusCode} {page.Headers.Location}";
    }

    /// <summary>Opens connections as the owner until the server refuses one, holds them while <paramref name="during"/> runs (and at least <paramref name="hold"/>), then closes them.</summary>
    private static async Task<int> HoldConnectionsAsync(ProvingGround ground, TimeSpan hold, Func<Task> during)
    {
        var builder = new NpgsqlConnectionStringBuilder(ground.OwnerConnection) { Pooling = false, Timeout = 3 };
        var held = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < 200; i++)
            {
                var connection = new NpgsqlConnection(builder.ConnectionString);
                try
                {
                    await connection.OpenAsync();
                    held.Add(connection);
                }
                catch (Exception ex) when (ex is NpgsqlException)
                {
                    await connection.DisposeAsync();
                    break;
                }
            }

            var started = Stopwatch.GetTimestamp();
            await during();
            var left = hold - Stopwatch.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left);
            }

            return held.Count;
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Many reads at once through HAProxy (more than a host's pool), as a crowd would.</summary>
    private static async Task BurstAsync(ProvingGround ground, LoadTally tally, int count)
    {
        using var http = ProvingGround.Client(ground.Api);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/people/{ground.People[i % ground.People.Count]}");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ground.KeyWorkerToken);
            HttpResponseMessage? response = null;
            Exception? failure = null;
            try
            {
                response = await http.SendAsync(request);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                failure = ex;
            }

            using (response)
            {
                if (!tally.Count(response, failure, "burst read"))
                {
                    tally.ReadFailed();
                }
            }
        }));
    }
}
