using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Benchmarks;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Usage: dotnet run -c Release --project tests/Locality.Benchmarks -- [--people 100000] [--entries 5000000] [--seed 20261122] [--requests 400] [--workers 20] [--explain]
//        dotnet run -c Release --project tests/Locality.Benchmarks -- import [--rows 1000000] [--people 20000] [--seed 20261123]
//        dotnet run -c Release --project tests/Locality.Benchmarks -- demand [--events 10000000] [--people 20000] [--teams 10] [--requests 200]
//        dotnet run -c Release --project tests/Locality.Benchmarks -- faults | spread   (against the running proving ground, deploy/local/faults.sh)
if (args.FirstOrDefault() == "import")
{
    return await ImportBenchmark.RunAsync(ImportArguments.Parse(args[1..]));
}

if (args.FirstOrDefault() == "demand")
{
    return await DemandBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "faults")
{
    return await FaultCampaign.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "spread")
{
    return await SpreadBenchmark.RunAsync(args[1..]);
}

var options = Arguments.Parse(args);
Console.WriteLine($"Locality benchmark: {options.People:N0} people, {options.Entries:N0} timeline entries, seed {options.Seed}, {options.Requests} requests per measure");

var clock = Stopwatch.StartNew();
var database = await TestDatabase.CreateAsync();
Console.WriteLine($"PostgreSQL: {database.Server.Description}");
var generator = new LocalityGenerator(database.OwnerConnectionString, options.People, options.Entries, options.Seed);
await generator.GenerateAsync();
Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:0} s");

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LOCALITY_API", Path.Combine(RepositoryRoot(), "src", "Locality.Api"));
await using var api = new BenchmarkApi(database.ConnectionString, audit: true);
await using var unaudited = new BenchmarkApi(database.ConnectionString, audit: false);
api.StartServer();
unaudited.StartServer();

// Key workers may open only the people they work with (or break glass), so each page is opened by that person's
// lead worker: the first few workers sign in, and the pages are drawn from the people they lead.
const string password = "benchmark password long enough";
var signedIn = new List<(UserId Worker, string Token)>();
for (var w = 0; w < Math.Min(options.Workers, generator.Workers.Count); w++)
{
    var worker = new UserId(generator.Workers[w]);
    var email = $"worker{w}@bench.locality.test";
    await using (var scope = api.Services.CreateAsyncScope())
    {
        var problems = await scope.ServiceProvider.GetRequiredService<IIdentityService>()
            .CreateLoginAsync(worker, email, password, [Roles.KeyWorker], CancellationToken.None);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Locality.Infrastructure.Identity.ApplicationUser>>().FindByEmailAsync(email);
        await scope.ServiceProvider.GetRequiredService<Locality.Infrastructure.Identity.SecondFactors>().UseKnownAuthenticatorAsync(user!, Locality.Infrastructure.Seeding.DemoLocality.AuthenticatorSecret(email));
    }

    using var signIn = api.CreateClient();
    var code = Locality.Infrastructure.Identity.SecondFactors.CodeNow(Locality.Infrastructure.Seeding.DemoLocality.AuthenticatorSecret(email), DateTimeOffset.UtcNow);
    var token = await (await signIn.PostAsJsonAsync("/api/auth/token", new { email, password, code })).Content.ReadFromJsonAsync<JsonElement>();
    signedIn.Add((worker, token.GetProperty("accessToken").GetString()!));
}

var random = new Random(options.Seed);
var searches = Enumerable.Range(0, options.Requests).Select(_ => Typo(generator.People[random.Next(generator.People.Count)], random)).ToList();
var looseSearches = Enumerable.Range(0, options.Requests).Select(_ => Typo(generator.People[random.Next(generator.People.Count)], random, inGivenName: true)).ToList();
var ledBySignedIn = Math.Min(generator.People.Count, signedIn.Count * LocalityGenerator.PeoplePerWorker);
var pages = Enumerable.Range(0, options.Requests).Select(_ => random.Next(ledBySignedIn))
    .Select(i => (generator.People[i].Id, Worker: signedIn[i / LocalityGenerator.PeoplePerWorker].Worker.Value, signedIn[i / LocalityGenerator.PeoplePerWorker].Token)).ToList();
var days = Enumerable.Range(0, options.Requests).Select(i => signedIn[i % signedIn.Count]).ToList();

await using var raw = new NpgsqlConnection(database.ConnectionString);
await raw.OpenAsync();
var results = new List<Measure>();

// Raw SQL first, so the API measures do not pay for a cold cache (the person's page's floor is measured with its API, below); then the API with its audit writes on and off.
results.Add(await Measure.RunAsync("Find a person by name (raw SQL)", searches, q => RawQueries.SearchAsync(raw, q)));
results.Add(await Measure.RunAsync("Find a person by name, both names misspelt (raw SQL)", looseSearches, q => RawQueries.SearchAsync(raw, q)));
results.Add(await Measure.RunAsync("My day, 40 people (raw SQL)", days, day => RawQueries.MyDayAsync(raw, day.Worker.Value)));
// Audit off and on are measured together, input by input, changing which goes first, so both see the same warm
// caches and JIT. The person's page measures its raw floor in the same rotation (issue 13: the bar is a ratio, and
// this machine is shared, so the floor and the API must see the same moments of load).
using var offHttp = unaudited.CreateClient();
using var onHttp = api.CreateClient();
var searcher = signedIn[0].Token;
async Task PairAsync<T>(string name, IReadOnlyList<T> inputs, Func<HttpClient, T, Task> send, Func<T, Task>? floor = null)
{
    var ways = new List<(string, Func<T, Task>)> { ($"{name} (API, audit off)", input => send(offHttp, input)), ($"{name} (API)", input => send(onHttp, input)) };
    if (floor is not null)
    {
        ways.Add(($"{name} (raw SQL)", floor));
    }

    results.AddRange(await Measure.RunTogetherAsync(ways, inputs));
}

await PairAsync("Find a person by name", searches, (http, q) => SendAsync(http, searcher, $"/api/people?name={Uri.EscapeDataString(q)}"));
await PairAsync("Find a person by name, both names misspelt", looseSearches, (http, q) => SendAsync(http, searcher, $"/api/people?name={Uri.EscapeDataString(q)}"));
await PairAsync("Open a person's page", pages, (http, page) => SendAsync(http, page.Token, $"/api/people/{page.Id}"),
    page => RawQueries.PersonPageAsync(raw, page.Id, page.Worker));
await PairAsync("My day, 40 people", days, (http, day) => SendAsync(http, day.Token, "/api/my-day"));

Console.WriteLine();
Console.WriteLine($"| measure | p50 ms | p95 ms | p99 ms | target p95 |");
Console.WriteLine($"|---|---:|---:|---:|---:|");
foreach (var result in results.OrderBy(r => Order(r.Name)))
{
    Console.WriteLine(result.Row(Targeted(result) ? Target(result.Name) : ""));
}

// What writing the audit costs: each API measure with audit on, against the same measure with audit off.
Console.WriteLine();
Console.WriteLine("| measure | p50 audit on / off | p95 audit on / off | p95 added ms |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var on in results.Where(Targeted))
{
    var off = results.Single(r => r.Name == on.Name.Replace("(API)", "(API, audit off)", StringComparison.Ordinal));
    Console.WriteLine($"| {on.Name.Replace(" (API)", string.Empty, StringComparison.Ordinal)} | {on.P50 / off.P50:0.00} | {on.P95 / off.P95:0.00} | {on.P95 - off.P95:0.0} |");
}

// Issue 13: the person's page through the API within three times its raw floor (every read the page makes, by hand).
const double pageBar = 3.0;
var pageApi = results.Single(r => r.Name == "Open a person's page (API)");
var pageRaw = results.Single(r => r.Name == "Open a person's page (raw SQL)");
var pageRatio = pageApi.P95 / pageRaw.P95;
Console.WriteLine();
Console.WriteLine("| person's page | p50 ms | p95 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|");
Console.WriteLine($"| API | {pageApi.P50:0.0} | {pageApi.P95:0.0} | {pageApi.P99:0.0} |");
Console.WriteLine($"| raw SQL floor | {pageRaw.P50:0.0} | {pageRaw.P95:0.0} | {pageRaw.P99:0.0} |");
Console.WriteLine($"| API / raw | {pageApi.P50 / pageRaw.P50:0.00} | **{pageRatio:0.00}** | {pageApi.P99 / pageRaw.P99:0.00} |");
Console.WriteLine($"Person's page: API p95 / raw p95 = {pageRatio:0.00} (the bar: {pageBar:0.0} or less): {(pageRatio <= pageBar ? "met" : "NOT MET")}");

// Where the floor's time goes, read by read, over the same pages again (with --explain, the plans of two of them first).
if (options.Explain)
{
    RawQueries.ExplainTo = Console.Out;
    foreach (var page in pages.Take(2))
    {
        await RawQueries.PersonPageAsync(raw, page.Id, page.Worker);
    }

    RawQueries.ExplainTo = null;
}

RawQueries.ReadTimes = [];
foreach (var page in pages)
{
    await RawQueries.PersonPageAsync(raw, page.Id, page.Worker);
}

Console.WriteLine();
Console.WriteLine("| the floor's read | pages | mean ms | p95 ms |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var (read, times) in RawQueries.ReadTimes.OrderBy(r => r.Key, StringComparer.Ordinal))
{
    times.Sort();
    Console.WriteLine($"| {read} | {times.Count} | {times.Average():0.00} | {times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.95 * times.Count) - 1)]:0.00} |");
}

await database.DropAsync();
var targetsMet = results.Where(Targeted).All(r => r.P95 <= double.Parse(Target(r.Name), CultureInfo.InvariantCulture));
return targetsMet && pageRatio <= pageBar ? 0 : 1;

static bool Targeted(Measure measure) => measure.Name.EndsWith("(API)", StringComparison.Ordinal);

static int Order(string name) => (name.StartsWith("Find a person by name,", StringComparison.Ordinal) ? 10 : name.StartsWith("Find", StringComparison.Ordinal) ? 0 : name.StartsWith("Open", StringComparison.Ordinal) ? 20 : 30)
    + (name.Contains("audit off", StringComparison.Ordinal) ? 1 : name.Contains("raw", StringComparison.Ordinal) ? 2 : 0);

static async Task SendAsync(HttpClient http, string token, string url)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, url);
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    (await http.SendAsync(request)).EnsureSuccessStatusCode();
}

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Locality.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
}

static string Target(string name) => name switch
{
    _ when name.StartsWith("Find", StringComparison.Ordinal) => "50",
    _ when name.StartsWith("Open", StringComparison.Ordinal) => "30",
    _ => "50",
};

// What a worker would type: the name they heard, with one letter wrong in the family name (and in the given name too).
static string Typo((Guid Id, string Given, string Family) person, Random random, bool inGivenName = false) =>
    $"{(inGivenName ? Misspell(person.Given, random) : person.Given)} {Misspell(person.Family, random)}";

static string Misspell(string name, Random random)
{
    var letters = name.ToCharArray();
    if (letters.Length > 3)
    {
        letters[random.Next(1, letters.Length)] = (char)('a' + random.Next(26));
    }

    return new string(letters);
}

/// <summary>The real API host; with <c>audit: false</c> its audit trail writes nothing, to measure what auditing costs.</summary>
internal sealed class BenchmarkApi(string connectionString, bool audit) : WebApplicationFactory<Locality.Api.Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        UseKestrel(0);
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("ConnectionStrings:Locality", connectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("RateLimits:ApiPerMinute", "1000000");
        builder.UseSetting("RateLimits:SignInPerMinute", "1000000");
        if (!audit)
        {
            builder.ConfigureTestServices(services => services.AddScoped<IAuditTrail, NoAuditTrail>());
        }
    }

    private sealed class NoAuditTrail : IAuditTrail
    {
        public void Add(Locality.Domain.People.PersonId? person, Locality.Domain.Access.AuditAction action, string request, string? sections = null, string? reason = null)
        {
        }

        public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

internal sealed record Arguments(int People, long Entries, int Seed, int Requests, int Workers, bool Explain)
{
    public static Arguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Arguments(
            int.Parse(Value("--people") ?? "100000", CultureInfo.InvariantCulture),
            long.Parse(Value("--entries") ?? "5000000", CultureInfo.InvariantCulture),
            int.Parse(Value("--seed") ?? "20261122", CultureInfo.InvariantCulture),
            int.Parse(Value("--requests") ?? "400", CultureInfo.InvariantCulture),
            int.Parse(Value("--workers") ?? "20", CultureInfo.InvariantCulture),
            args.Contains("--explain"));
    }
}

internal sealed record Measure(string Name, double P50, double P95, double P99)
{
    public static async Task<Measure> RunAsync<T>(string name, IReadOnlyList<T> inputs, Func<T, Task> action)
    {
        foreach (var input in inputs.Take(30))
        {
            await action(input);
        }

        var times = new List<double>(inputs.Count);
        foreach (var input in inputs)
        {
            var started = Stopwatch.GetTimestamp();
            await action(input);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return From(name, times);
    }

    /// <summary>Times several ways of doing the same thing, input by input, each input starting with the next way.</summary>
    public static async Task<IReadOnlyList<Measure>> RunTogetherAsync<T>(IReadOnlyList<(string Name, Func<T, Task> Action)> ways, IReadOnlyList<T> inputs)
    {
        foreach (var input in inputs.Take(30))
        {
            foreach (var (_, action) in ways)
            {
                await action(input);
            }
        }

        var times = ways.Select(_ => new List<double>(inputs.Count)).ToList();
        for (var i = 0; i < inputs.Count; i++)
        {
            for (var n = 0; n < ways.Count; n++)
            {
                var way = (i + n) % ways.Count;
                var started = Stopwatch.GetTimestamp();
                await ways[way].Action(inputs[i]);
                times[way].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return ways.Select((w, n) => From(w.Name, times[n])).ToList();
    }

    private static Measure From(string name, List<double> times)
    {
        times.Sort();
        double At(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        var measure = new Measure(name, At(0.50), At(0.95), At(0.99));
        Console.WriteLine($"{name}: p50 {measure.P50:0.0} ms, p95 {measure.P95:0.0} ms, p99 {measure.P99:0.0} ms");
        return measure;
    }

    public string Row(string target) => $"| {Name} | {P50:0.0} | {P95:0.0} | {P99:0.0} | {target} |";
}
