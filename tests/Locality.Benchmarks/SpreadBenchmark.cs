using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Locality.Benchmarks;

/// <summary>
/// The bars of spreading, against the running proving ground: (1) the mixed load through HAProxy over two web and two
/// API hosts against the same load sent straight to one web and one API host, in turns of a few seconds in the same
/// run, p95 of each and the ratio (bar: 1.2 or less); (2) a caller's rate limit across both API hosts: with the API
/// hosts started again with a low per-minute limit, a caller's requests through HAProxy are refused (429) after the
/// limit in total, not after twice it.
/// </summary>
internal static class SpreadBenchmark
{
    private const double Bar = 1.2;

    // Usage: dotnet run -c Release --project tests/Locality.Benchmarks -- spread [--turns 10] [--turn-seconds 6] [--workers 4] [--limit 60] [--no-limit-check]
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var turns = int.Parse(Value("--turns") ?? "10", CultureInfo.InvariantCulture);
        var turnSeconds = double.Parse(Value("--turn-seconds") ?? "6", CultureInfo.InvariantCulture);
        var workers = int.Parse(Value("--workers") ?? "4", CultureInfo.InvariantCulture);
        var limit = int.Parse(Value("--limit") ?? "60", CultureInfo.InvariantCulture);

        var ground = await ProvingGround.FromClusterAsync();
        if (double.IsNaN(await ground.UntilAllReadyAsync(Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(60))))
        {
            Console.Error.WriteLine("Not every host is ready: start the proving ground first (deploy/local/cluster.sh start).");
            return 2;
        }

        await ground.PrepareAsync();
        var (spreadLead, _) = await ProvingGround.WebSignInAsync(ground.Web, ProvingGround.TeamLead);
        var (directLead, _) = await ProvingGround.WebSignInAsync(ground.DirectWeb, ProvingGround.TeamLead);
        Console.WriteLine($"Spreading: {turns} turns of {turnSeconds:0} s each way, {workers} key workers and a team lead, no partner batches; " +
                          $"through HAProxy ({ground.Api}, {ground.Web}) and straight to one host ({ground.DirectApi}, {ground.DirectWeb})");

        var spread = new List<LoadTally>();
        var direct = new List<LoadTally>();
        for (var turn = 0; turn < turns; turn++)
        {
            // Each turn starts with the other way, so neither always follows the other.
            var order = turn % 2 == 0 ? new[] { true, false } : [false, true];
            foreach (var throughProxy in order)
            {
                var load = throughProxy
                    ? new MixedLoad(ground, ground.Api, spreadLead, "spread") { KeyWorkers = workers, Imports = false }
                    : new MixedLoad(ground, ground.DirectApi, directLead, "direct") { KeyWorkers = workers, Imports = false };
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(turnSeconds));
                await load.RunAsync(stop.Token);
                (throughProxy ? spread : direct).Add(load.Tally);
            }
        }

        // The first turn of each warms caches and connections; it is left out.
        var (spreadAll, spreadReads, spreadWrites, spreadPages) = Times(spread.Skip(1));
        var (directAll, directReads, directWrites, directPages) = Times(direct.Skip(1));
        var ratio = LoadTally.Percentile(spreadAll, 0.95) / LoadTally.Percentile(directAll, 0.95);
        Console.WriteLine();
        Console.WriteLine("| mixed load | requests | p50 ms | p95 ms | reads p95 | notes p95 | demand page p95 | failures |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(Row("through HAProxy, 2 web + 2 API hosts", spreadAll, spreadReads, spreadWrites, spreadPages, spread.Skip(1)));
        Console.WriteLine(Row("straight to 1 web + 1 API host", directAll, directReads, directWrites, directPages, direct.Skip(1)));
        Console.WriteLine($"Spreading: p95 through HAProxy / p95 straight to one host = {ratio:0.00} (the bar: {Bar:0.0} or less): {(ratio <= Bar ? "met" : "NOT MET")}");

        var limitMet = true;
        if (!args.Contains("--no-limit-check"))
        {
            limitMet = await RateLimitAcrossHostsAsync(ground, limit);
        }

        return ratio <= Bar && limitMet ? 0 : 1;
    }

    private static (List<double> All, List<double> Reads, List<double> Writes, List<double> Pages) Times(IEnumerable<LoadTally> tallies)
    {
        var list = tallies.ToList();
        var reads = list.SelectMany(t => t.ReadMs).ToList();
        var writes = list.SelectMany(t => t.WriteMs).ToList();
        var pages = list.SelectMany(t => t.PageMs).ToList();
        return ([.. reads, .. writes, .. pages], reads, writes, pages);
    }

    private static string Row(string name, List<double> all, List<double> reads, List<double> writes, List<double> pages, IEnumerable<LoadTally> tallies)
    {
        var failures = tallies.Sum(t => t.Sent - t.Ok);
        return $"| {name} | {all.Count} | {LoadTally.Percentile(all, 0.5):0.0} | **{LoadTally.Percentile(all, 0.95):0.0}** | {LoadTally.Percentile(reads, 0.95):0.0} | " +
               $"{LoadTally.Percentile(writes, 0.95):0.0} | {LoadTally.Percentile(pages, 0.95):0.0} | {failures} |";
    }

    /// <summary>
    /// Starts both API hosts again with <c>RateLimits__ApiPerMinute</c> = <paramref name="limit"/>, then sends one
    /// caller's requests through HAProxy (so they alternate between the hosts) until well past the limit, and counts
    /// how many were let through before the first 429. Starts the hosts again with the usual limits afterwards.
    /// </summary>
    private static async Task<bool> RateLimitAcrossHostsAsync(ProvingGround ground, int limit)
    {
        Console.WriteLine();
        Console.WriteLine($"Rate limit across hosts: starting api1 and api2 again with RateLimits__ApiPerMinute={limit}…");
        var environment = new Dictionary<string, string> { ["LOCALITY_API_PER_MINUTE"] = limit.ToString(CultureInfo.InvariantCulture) };
        try
        {
            await ground.ClusterAsync("restart api1 api2", environment);
            await ground.UntilAllReadyAsync(Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(120));
            await Task.Delay(TimeSpan.FromSeconds(3)); // HAProxy sees both up again (two health checks a second apart)

            // A caller nothing else in the run uses, signed in now; its requests start a window of their own. The
            // run starts early in a clock minute, so a limit counted per clock minute does not reset half way.
            using var api = ProvingGround.Client(ground.Api);
            var token = await ProvingGround.TokenAsync(api, ProvingGround.PartnerViewer);
            var second = DateTimeOffset.UtcNow.Second;
            if (second > 40)
            {
                await Task.Delay(TimeSpan.FromSeconds(61 - second));
            }

            var allowed = 0;
            var refused = 0;
            var firstRefusal = -1;
            var allowedAfterRefusal = 0;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < limit * 2 + 20; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await api.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    refused++;
                    if (firstRefusal < 0)
                    {
                        firstRefusal = i;
                    }
                }
                else if (response.IsSuccessStatusCode)
                {
                    allowed++;
                    if (firstRefusal >= 0)
                    {
                        allowedAfterRefusal++;
                    }
                }
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var met = allowed == limit && firstRefusal == limit;
            Console.WriteLine($"Sent {limit * 2 + 20} requests as one caller through HAProxy in {seconds:0.0} s: {allowed} allowed, {refused} refused with 429, " +
                              $"the first refusal at request {firstRefusal + 1}, {allowedAfterRefusal} allowed after it.");
            Console.WriteLine($"Shared rate limit: {allowed} allowed of a limit of {limit} across two API hosts (the bar: exactly {limit}; counted per host it would be {limit * 2}): {(met ? "met" : "NOT MET")}");
            return met;
        }
        finally
        {
            Console.WriteLine("Starting api1 and api2 again with the usual limits…");
            await ground.ClusterAsync("restart api1 api2");
            await ground.UntilAllReadyAsync(Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(120));
        }
    }
}
