using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Seeding;
using Locality.Testing;
using Npgsql;

namespace Locality.Benchmarks;

/// <summary>
/// The running proving ground (deploy/local/cluster.sh) as the load sees it: where HAProxy and each host listen, the
/// owner's connection string (to read back what was written), and the demo's people signed in: the key worker
/// through the API (password and authenticator code), the team lead through the web's sign-in form, and the police
/// agency's system with a key the administrator makes for this run.
/// </summary>
internal sealed partial class ProvingGround
{
    public const string KeyWorker = "keyworker@demo.locality.test";
    public const string TeamLead = "teamlead@demo.locality.test";
    public const string Admin = "admin@demo.locality.test";
    public const string PartnerViewer = "police@demo.locality.test";

    public required Uri Api { get; init; }

    public required Uri Web { get; init; }

    public required Uri DirectApi { get; init; }

    public required Uri DirectWeb { get; init; }

    public required IReadOnlyDictionary<string, int> HostPorts { get; init; }

    public required string OwnerConnection { get; init; }

    public required string ClusterScript { get; init; }

    /// <summary>What this run writes carries this, so its writes are told from any other run's.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N")[..12];

    public string KeyWorkerToken { get; private set; } = string.Empty;

    public IReadOnlyList<Guid> People { get; private set; } = [];

    public Guid PoliceAgency { get; private set; }

    public Guid LocalityId { get; private set; }

    public string PartnerKey { get; private set; } = string.Empty;

    public Guid PartnerKeyId { get; private set; }

    /// <summary>Reads the cluster's addresses from <c>cluster.sh env</c>.</summary>
    public static async Task<ProvingGround> FromClusterAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "local", "cluster.sh");
        var (code, output) = await RunAsync(script, "env");
        if (code != 0)
        {
            throw new InvalidOperationException($"cluster.sh env failed: {output}");
        }

        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim('\''));
        var ports = values.Where(v => v.Key.StartsWith("LOCALITY_PORT_", StringComparison.Ordinal))
            .ToDictionary(v => v.Key["LOCALITY_PORT_".Length..].ToLowerInvariant(), v => int.Parse(v.Value, CultureInfo.InvariantCulture));
        return new ProvingGround
        {
            Api = new Uri(values["LOCALITY_API"]),
            Web = new Uri(values["LOCALITY_WEB"]),
            DirectApi = new Uri(values["LOCALITY_API1"]),
            DirectWeb = new Uri(values["LOCALITY_WEB1"]),
            HostPorts = ports,
            OwnerConnection = values["LOCALITY_OWNER_CONNECTION"],
            ClusterScript = script,
        };
    }

    /// <summary>Signs the key worker in through the API, finds their people, and makes the police system's key.</summary>
    public async Task PrepareAsync()
    {
        using var api = Client(Api);
        KeyWorkerToken = await TokenAsync(api, KeyWorker);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/my-day"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyWorkerToken);
            using var response = await api.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var day = await response.Content.ReadFromJsonAsync<JsonElement>();
            People = day.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("personId").GetGuid()).ToList();
        }

        await using (var db = new NpgsqlConnection(OwnerConnection))
        {
            await db.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT (SELECT id FROM agencies WHERE kind = 'Police' ORDER BY name LIMIT 1), (SELECT id FROM localities ORDER BY name LIMIT 1)", db);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            PoliceAgency = reader.GetGuid(0);
            LocalityId = reader.GetGuid(1);
        }

        var adminToken = await TokenAsync(api, Admin);
        using var make = new HttpRequestMessage(HttpMethod.Post, $"/api/agencies/{PoliceAgency}/api-keys")
        {
            Content = JsonContent.Create(new { name = $"Proving ground {RunId}" }),
        };
        make.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var made = await api.SendAsync(make);
        made.EnsureSuccessStatusCode();
        var key = await made.Content.ReadFromJsonAsync<JsonElement>();
        PartnerKey = key.GetProperty("key").GetString()!;
        PartnerKeyId = key.GetProperty("details").GetProperty("id").GetGuid();
        Console.WriteLine($"Signed in: the key worker ({People.Count} people) through the API; the police system has a key of its own for this run ({RunId}).");
    }

    public static HttpClient Client(Uri address, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>A bearer token for a demo account: password, then the code its authenticator app shows (each 30-second step once).</summary>
    public static async Task<string> TokenAsync(HttpClient api, string email)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await api.PostAsJsonAsync("/api/auth/token", new { email, password = DemoLocality.Password, code = Code(email) });
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            }

            // A code already used (by an earlier run in the same half minute): wait for the next one.
            if (attempt >= 3)
            {
                throw new InvalidOperationException($"Signing in {email} through the API failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            await WaitForNextStepAsync();
        }
    }

    /// <summary>A team lead signed in through the web's two sign-in pages, holding the session cookie.</summary>
    public static async Task<(HttpClient Client, CookieContainer Cookies)> WebSignInAsync(Uri web, string email)
    {
        for (var attempt = 0; ; attempt++)
        {
            var cookies = new CookieContainer();
            var client = Client(web, cookies);
            var form = await client.GetStringAsync("/sign-in");
            using var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = DemoLocality.Password,
                ["__RequestVerificationToken"] = FormToken(form),
            }));
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString() != "/sign-in/second-factor")
            {
                throw new InvalidOperationException($"Signing in {email} through the web failed: {(int)response.StatusCode}");
            }

            var second = await client.GetStringAsync("/sign-in/second-factor");
            using var signedIn = await client.PostAsync("/sign-in/second-factor", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Code"] = Code(email),
                ["__RequestVerificationToken"] = FormToken(second),
            }));
            if (signedIn.StatusCode == HttpStatusCode.Redirect && signedIn.Headers.Location?.ToString() == "/")
            {
                return (client, cookies);
            }

            client.Dispose();
            if (attempt >= 3)
            {
                throw new InvalidOperationException($"Signing in {email} through the web failed at the code: {(int)signedIn.StatusCode}");
            }

            await WaitForNextStepAsync();
        }
    }

    private static string FormToken(string page) =>
        TokenPattern().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No anti-forgery token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private static string Code(string email) =>
        StaffAccount.NextCode(new UserId(new Guid(MD5.HashData(Encoding.UTF8.GetBytes(email)))), DemoLocality.AuthenticatorSecret(email), DateTimeOffset.UtcNow);

    private static Task WaitForNextStepAsync() => Task.Delay(TimeSpan.FromSeconds(30 - (DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 30) + 1));

    /// <summary>Seconds from <paramref name="since"/> until every host (both web, both API, the worker) answers /health/ready with 200.</summary>
    public async Task<double> UntilAllReadyAsync(long since, TimeSpan limit)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            var ready = await Task.WhenAll(HostPorts.Values.Select(async port =>
            {
                try
                {
                    using var response = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"));
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    return false;
                }
            }));
            if (ready.All(r => r))
            {
                return Stopwatch.GetElapsedTime(since).TotalSeconds;
            }

            if (Stopwatch.GetElapsedTime(since) > limit)
            {
                return double.NaN;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Runs <c>deploy/local/cluster.sh</c> with a verb (kill, restart, pg-crash…); throws when it fails.</summary>
    public async Task<string> ClusterAsync(string arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (code, output) = await RunAsync(ClusterScript, arguments, environment);
        if (code != 0)
        {
            throw new InvalidOperationException($"cluster.sh {arguments} failed ({code}): {output}");
        }

        return output.Trim();
    }

    private static async Task<(int Code, string Output)> RunAsync(string script, string arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash", $"{script} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.Environment["LOCALITY_CLUSTER_NO_BUILD"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output) + (await errors is { Length: > 0 } e ? "\n" + e : string.Empty));
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Locality.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run this from inside the repository.");
    }
}

/// <summary>What one stretch of load saw: every request's outcome, and the writes the hosts acknowledged.</summary>
internal sealed class LoadTally
{
    private long sent;
    private long ok;
    private long status500;
    private long status503WithRetryAfter;
    private long status503FromProxy;
    private long status503WithoutRetryAfter;
    private long otherServerErrors;
    private long transportFailures;
    private long readFailures;
    private long tooMany;
    private long otherRefusals;
    private long writesGivenUp;

    public ConcurrentBag<double> ReadMs { get; } = [];

    public ConcurrentBag<double> WriteMs { get; } = [];

    public ConcurrentBag<double> PageMs { get; } = [];

    /// <summary>Notes the API answered 201 to, by the marker in their text.</summary>
    public ConcurrentBag<string> AcknowledgedNotes { get; } = [];

    /// <summary>Partner batches the API answered 202 to: the import's id and how many events (unique in the run).</summary>
    public ConcurrentBag<(Guid Import, int Events)> AcknowledgedImports { get; } = [];

    public ConcurrentBag<string> Samples { get; } = [];

    public long Sent => Interlocked.Read(ref sent);

    public long Status500 => Interlocked.Read(ref status500);

    public long Status503WithRetryAfter => Interlocked.Read(ref status503WithRetryAfter);

    public long Status503FromProxy => Interlocked.Read(ref status503FromProxy);

    public long Status503WithoutRetryAfter => Interlocked.Read(ref status503WithoutRetryAfter);

    public long OtherServerErrors => Interlocked.Read(ref otherServerErrors);

    public long TransportFailures => Interlocked.Read(ref transportFailures);

    public long ReadFailures => Interlocked.Read(ref readFailures);

    public long TooMany => Interlocked.Read(ref tooMany);

    public long OtherRefusals => Interlocked.Read(ref otherRefusals);

    public long WritesGivenUp => Interlocked.Read(ref writesGivenUp);

    public long Ok => Interlocked.Read(ref ok);

    public long ServerErrors => Status500 + Status503WithRetryAfter + Status503WithoutRetryAfter + OtherServerErrors;

    /// <summary>Counts one answer (or a failure to get one); says whether it was a success.</summary>
    public bool Count(HttpResponseMessage? response, Exception? failure, string what)
    {
        Interlocked.Increment(ref sent);
        if (response is null)
        {
            Interlocked.Increment(ref transportFailures);
            Sample($"{what}: no answer ({failure?.GetType().Name}: {failure?.Message})");
            return false;
        }

        var status = (int)response.StatusCode;
        switch (status)
        {
            case < 400:
                Interlocked.Increment(ref ok);
                return true;
            case 500:
                Interlocked.Increment(ref status500);
                Sample($"{what}: 500");
                return false;
            case 503 when response.Headers.RetryAfter is not null:
                Interlocked.Increment(ref status503WithRetryAfter);
                if (response.Headers.Contains("X-Locality-Proxy"))
                {
                    Interlocked.Increment(ref status503FromProxy);
                }

                return false;
            case 503:
                Interlocked.Increment(ref status503WithoutRetryAfter);
                Sample($"{what}: 503 without Retry-After");
                return false;
            case > 500:
                Interlocked.Increment(ref otherServerErrors);
                Sample($"{what}: {status}");
                return false;
            case 429:
                Interlocked.Increment(ref tooMany);
                return false;
            default:
                Interlocked.Increment(ref otherRefusals);
                Sample($"{what}: {status}");
                return false;
        }
    }

    public void ReadFailed() => Interlocked.Increment(ref readFailures);

    public void WriteGivenUp() => Interlocked.Increment(ref writesGivenUp);

    private void Sample(string text)
    {
        if (Samples.Count < 12)
        {
            Samples.Add(text);
        }
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}

/// <summary>
/// The mixed load: key workers opening a person's page and timeline and recording notes (each note with an
/// Idempotency-Key, sent again with the same key until it is acknowledged, as a careful client does), a police
/// system sending batches of demand events (keyed the same way), and a team lead opening the demand page through the
/// web. Reads are never retried by the load itself: a read that fails counts as a read failure.
/// </summary>
internal sealed class MixedLoad(ProvingGround ground, Uri api, HttpClient teamLead, string phase)
{
    private static readonly string[] Types = ["police-call-out", "asb-report", "arrest", "night-in-custody"];
    private static int batches;

    public LoadTally Tally { get; } = new();

    public int KeyWorkers { get; init; } = 4;

    public TimeSpan Pause { get; init; } = TimeSpan.FromMilliseconds(25);

    public bool Imports { get; init; } = true;

    public TimeSpan ImportEvery { get; init; } = TimeSpan.FromSeconds(4);

    public int EventsPerBatch { get; init; } = 300;

    /// <summary>Runs until <paramref name="stop"/> is cancelled; writes in flight then are finished (given up only after a minute).</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var http = ProvingGround.Client(api);
        var tasks = Enumerable.Range(0, KeyWorkers).Select(w => KeyWorkerAsync(http, w, stop)).ToList();
        tasks.Add(TeamLeadAsync(stop));
        if (Imports)
        {
            tasks.Add(PartnerAsync(http, stop));
        }

        await Task.WhenAll(tasks);
    }

    private async Task KeyWorkerAsync(HttpClient http, int worker, CancellationToken stop)
    {
        var random = new Random(worker * 7919 + phase.Length);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var person = ground.People[random.Next(ground.People.Count)];
            await ReadAsync(http, $"/api/people/{person}", Tally.ReadMs, "person's page");
            await ReadAsync(http, $"/api/people/{person}/timeline", Tally.ReadMs, "timeline");
            if (i % 2 == 1)
            {
                await WriteNoteAsync(http, person);
            }

            await RestAsync(stop);
        }
    }

    private async Task TeamLeadAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            HttpResponseMessage? response = null;
            Exception? failure = null;
            try
            {
                response = await teamLead.GetAsync("/team/demand", CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                failure = ex;
            }

            using (response)
            {
                // A redirect to the sign-in page would mean the session was not known on the host that answered.
                var good = Tally.Count(response, failure, "demand page") && response!.StatusCode == HttpStatusCode.OK;
                if (good)
                {
                    Tally.PageMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Tally.ReadFailed();
                }
            }

            await RestAsync(stop, 8);
        }
    }

    private async Task PartnerAsync(HttpClient http, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            // Each batch has its own size (EventsPerBatch plus its number), so an import made twice would show as
            // two imports of one size.
            var number = Interlocked.Increment(ref batches);
            var size = EventsPerBatch + number;
            var now = DateTimeOffset.UtcNow;
            var events = Enumerable.Range(0, size).Select(n => new
            {
                sourceReference = $"PG-{ground.RunId}-{phase}-{number}-{n}",
                type = Types[n % Types.Length],
                occurredAt = now.AddMinutes(-n).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                uprn = (100_000_000 + n % 500).ToString(CultureInfo.InvariantCulture),
                classification = "value",
            }).ToList();
            var body = JsonSerializer.Serialize(new { agencyId = ground.PoliceAgency, localityId = ground.LocalityId, events }, JsonSerializerOptions.Web);
            var answer = await SendKeyedAsync(http, HttpMethod.Post, "/api/demand/imports", body, request => request.Headers.Add("X-Api-Key", ground.PartnerKey), "partner batch");
            if (answer is not null)
            {
                Tally.AcknowledgedImports.Add((JsonDocument.Parse(answer).RootElement.GetProperty("id").GetGuid(), size));
            }

            try
            {
                await Task.Delay(ImportEvery, stop);
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReadAsync(HttpClient http, string url, ConcurrentBag<double> times, string what)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage? response = null;
        Exception? failure = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ground.KeyWorkerToken);
            response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            failure = ex;
        }

        using (response)
        {
            if (Tally.Count(response, failure, what))
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                Tally.ReadFailed();
            }
        }
    }

    private async Task WriteNoteAsync(HttpClient http, Guid person)
    {
        var marker = $"PG {ground.RunId} {phase} {Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new { text = $"Proving ground note {marker}" }, JsonSerializerOptions.Web);
        var started = Stopwatch.GetTimestamp();
        if (await SendKeyedAsync(http, HttpMethod.Post, $"/api/people/{person}/notes", body,
                request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ground.KeyWorkerToken), "note") is not null)
        {
            Tally.AcknowledgedNotes.Add(marker);
            Tally.WriteMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// Sends a write with one Idempotency-Key until it is acknowledged: again after no answer, a 502/503/504 (waiting
    /// for Retry-After when given) or a 409 that says the first is still being worked on. Gives up after a minute.
    /// </summary>
    private async Task<string?> SendKeyedAsync(HttpClient http, HttpMethod method, string url, string body, Action<HttpRequestMessage> sign, string what)
    {
        var key = Guid.NewGuid().ToString();
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            HttpResponseMessage? response = null;
            Exception? failure = null;
            var wait = TimeSpan.FromSeconds(1);
            try
            {
                using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("Idempotency-Key", key);
                sign(request);
                response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (Tally.Count(response, null, what))
                {
                    return text;
                }

                var status = (int)response.StatusCode;
                if (status is not (409 or 502 or 503 or 504))
                {
                    Tally.WriteGivenUp();
                    return null;
                }

                if (response.Headers.RetryAfter?.Delta is { } delta)
                {
                    wait = TimeSpan.FromSeconds(Math.Min(delta.TotalSeconds, 5));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                failure = ex;
                Tally.Count(null, failure, what);
            }
            finally
            {
                response?.Dispose();
            }

            await Task.Delay(wait);
        }

        Tally.WriteGivenUp();
        return null;
    }

    private async Task RestAsync(CancellationToken stop, int times = 1)
    {
        try
        {
            await Task.Delay(Pause * times, stop);
        }
        catch (TaskCanceledException)
        {
        }
    }
}

/// <summary>What the database holds afterwards for one stretch's acknowledged writes.</summary>
internal sealed record WritesFound(int Notes, int NotesFound, int NoteDuplicates, int Imports, int ImportsFound, int ImportsUnfinished, int ImportDuplicates)
{
    public static async Task<WritesFound> CheckAsync(ProvingGround ground, string phase, LoadTally tally)
    {
        // A connection of its own (not pooled): a pooled one may have been cut by the fault just made.
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ground.OwnerConnection) { Pooling = false }.ConnectionString);
        await db.OpenAsync();

        var counts = new Dictionary<string, int>();
        await using (var command = new NpgsqlCommand(
            "SELECT substring(text FROM 21), count(*)::int FROM timeline_entries WHERE text LIKE @prefix GROUP BY 1", db))
        {
            command.Parameters.AddWithValue("prefix", $"Proving ground note PG {ground.RunId} {phase} %");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var acked = tally.AcknowledgedNotes.ToList();
        var notesFound = acked.Count(counts.ContainsKey);
        var noteDuplicates = counts.Values.Sum(c => c - 1);

        // The acknowledged imports: each must exist and finish (the worker imports them); none may be made twice.
        var imports = tally.AcknowledgedImports.ToList();
        var found = 0;
        var unfinished = 0;
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 180;
        while (true)
        {
            found = 0;
            unfinished = 0;
            await using var command = new NpgsqlCommand("SELECT id, status FROM demand_imports WHERE submitted_by_key = @key", db);
            command.Parameters.AddWithValue("key", ground.PartnerKeyId);
            var statuses = new Dictionary<Guid, string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    statuses[reader.GetGuid(0)] = reader.GetString(1);
                }
            }

            foreach (var (id, _) in imports)
            {
                if (statuses.TryGetValue(id, out var status))
                {
                    found++;
                    if (status is "Waiting" or "Running")
                    {
                        unfinished++;
                    }
                }
            }

            if (unfinished == 0 || Stopwatch.GetTimestamp() > deadline)
            {
                break;
            }

            await Task.Delay(1000);
        }

        await using var twice = new NpgsqlCommand(
            "SELECT coalesce(sum(n - 1), 0)::int FROM (SELECT count(*) AS n FROM demand_imports WHERE submitted_by_key = @key GROUP BY total_rows) t", db);
        twice.Parameters.AddWithValue("key", ground.PartnerKeyId);
        var importDuplicates = (int)(await twice.ExecuteScalarAsync())!;
        return new WritesFound(acked.Count, notesFound, noteDuplicates, imports.Count, found, unfinished, importDuplicates);
    }
}
