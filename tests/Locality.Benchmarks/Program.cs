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
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Usage: dotnet run -c Release --project tests/Locality.Benchmarks -- [--people 100000] [--entries 5000000] [--seed 20261122] [--requests 400]
var options = Arguments.Parse(args);
Console.WriteLine($"Locality benchmark: {options.People:N0} people, {options.Entries:N0} timeline entries, seed {options.Seed}, {options.Requests} requests per measure");

var clock = Stopwatch.StartNew();
var database = await TestDatabase.CreateAsync();
Console.WriteLine($"PostgreSQL: {database.Server.Description}");
var generator = new LocalityGenerator(database.ConnectionString, options.People, options.Entries, options.Seed);
await generator.GenerateAsync();
Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:0} s");

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LOCALITY_API", Path.Combine(RepositoryRoot(), "src", "Locality.Api"));
await using var api = new BenchmarkApi(database.ConnectionString);
api.StartServer();
var worker = new UserId(generator.Workers[0]);
const string password = "benchmark password long enough";
await using (var scope = api.Services.CreateAsyncScope())
{
    var problems = await scope.ServiceProvider.GetRequiredService<IIdentityService>()
        .CreateLoginAsync(worker, "worker0@bench.locality.test", password, [Roles.KeyWorker], CancellationToken.None);
    if (problems.Count > 0)
    {
        throw new InvalidOperationException(string.Join("; ", problems));
    }
}

using var http = api.CreateClient();
var token = await (await http.PostAsJsonAsync("/api/auth/token", new { email = "worker0@bench.locality.test", password }))
    .Content.ReadFromJsonAsync<JsonElement>();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());

var random = new Random(options.Seed);
var searches = Enumerable.Range(0, options.Requests).Select(_ => Typo(generator.People[random.Next(generator.People.Count)], random)).ToList();
var looseSearches = Enumerable.Range(0, options.Requests).Select(_ => Typo(generator.People[random.Next(generator.People.Count)], random, inGivenName: true)).ToList();
var pages = Enumerable.Range(0, options.Requests).Select(_ => generator.People[random.Next(generator.People.Count)].Id).ToList();

await using var raw = new NpgsqlConnection(database.ConnectionString);
await raw.OpenAsync();
var results = new List<Measure>
{
    await Measure.RunAsync("Find a person by name (API)", searches, async q => (await http.GetAsync($"/api/people?name={Uri.EscapeDataString(q)}")).EnsureSuccessStatusCode()),
    await Measure.RunAsync("Find a person by name (raw SQL)", searches, q => RawQueries.SearchAsync(raw, q)),
    await Measure.RunAsync("Find a person by name, both names misspelt (API)", looseSearches, async q => (await http.GetAsync($"/api/people?name={Uri.EscapeDataString(q)}")).EnsureSuccessStatusCode()),
    await Measure.RunAsync("Find a person by name, both names misspelt (raw SQL)", looseSearches, q => RawQueries.SearchAsync(raw, q)),
    await Measure.RunAsync("Open a person's page (API)", pages, async id => (await http.GetAsync($"/api/people/{id}")).EnsureSuccessStatusCode()),
    await Measure.RunAsync("Open a person's page (raw SQL)", pages, id => RawQueries.PersonPageAsync(raw, id)),
    await Measure.RunAsync("My day, 40 people (API)", pages, async _ => (await http.GetAsync("/api/my-day")).EnsureSuccessStatusCode()),
    await Measure.RunAsync("My day, 40 people (raw SQL)", pages, _ => RawQueries.MyDayAsync(raw, worker.Value)),
};

Console.WriteLine();
Console.WriteLine($"| measure | p50 ms | p95 ms | p99 ms | target p95 |");
Console.WriteLine($"|---|---:|---:|---:|---:|");
foreach (var result in results)
{
    Console.WriteLine(result.Row(result.Name.Contains("raw", StringComparison.Ordinal) ? "" : Target(result.Name)));
}

await database.DropAsync();
return results.Where(r => !r.Name.Contains("raw", StringComparison.Ordinal)).All(r => r.P95 <= double.Parse(Target(r.Name), CultureInfo.InvariantCulture)) ? 0 : 1;

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

internal sealed class BenchmarkApi(string connectionString) : WebApplicationFactory<Locality.Api.Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        UseKestrel(0);
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("ConnectionStrings:Locality", connectionString);
        builder.UseSetting("Hangfire:RunServer", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }
}

internal sealed record Arguments(int People, long Entries, int Seed, int Requests)
{
    public static Arguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Arguments(
            int.Parse(Value("--people") ?? "100000", CultureInfo.InvariantCulture),
            long.Parse(Value("--entries") ?? "5000000", CultureInfo.InvariantCulture),
            int.Parse(Value("--seed") ?? "20261122", CultureInfo.InvariantCulture),
            int.Parse(Value("--requests") ?? "400", CultureInfo.InvariantCulture));
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

        times.Sort();
        double At(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        var measure = new Measure(name, At(0.50), At(0.95), At(0.99));
        Console.WriteLine($"{name}: p50 {measure.P50:0.0} ms, p95 {measure.P95:0.0} ms, p99 {measure.P99:0.0} ms");
        return measure;
    }

    public string Row(string target) => $"| {Name} | {P50:0.0} | {P95:0.0} | {P99:0.0} | {target} |";
}
