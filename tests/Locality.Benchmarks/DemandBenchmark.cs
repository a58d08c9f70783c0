using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Locality.Benchmarks;

/// <summary>
/// The team lead's demand page (<c>GET /team/demand</c> on the real web host) over a locality with ten million demand
/// events in three years: team leads sign in through the sign-in form, and the page is requested with a mix of
/// filters, one request at a time after a warm-up. Exits non-zero when the 95th percentile is 300 ms or more.
/// </summary>
internal static partial class DemandBenchmark
{
    private const double TargetP95 = 300;

    // Usage: dotnet run -c Release --project tests/Locality.Benchmarks -- demand [--events 10000000] [--people 20000] [--teams 10]
    //        [--seed 20261123] [--requests 200] [--warmup 20] [--database NAME --keep]
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var events = long.Parse(Value("--events") ?? "10000000", CultureInfo.InvariantCulture);
        var people = int.Parse(Value("--people") ?? "20000", CultureInfo.InvariantCulture);
        var teams = int.Parse(Value("--teams") ?? "10", CultureInfo.InvariantCulture);
        var seed = int.Parse(Value("--seed") ?? "20261123", CultureInfo.InvariantCulture);
        var requests = int.Parse(Value("--requests") ?? "200", CultureInfo.InvariantCulture);
        var warmup = int.Parse(Value("--warmup") ?? "20", CultureInfo.InvariantCulture);
        var reuse = Value("--database"); // a database an earlier run generated and kept (--keep), on the server in LOCALITY_TEST_POSTGRES
        var keep = args.Contains("--keep");

        var clock = Stopwatch.StartNew();
        string connectionString;
        TestDatabase? database = null;
        if (reuse is null)
        {
            Console.WriteLine($"Demand page benchmark: {events:N0} demand events over three years, {people:N0} people, {teams} teams, seed {seed}, {requests} requests");
            database = await TestDatabase.CreateAsync();
            connectionString = database.ConnectionString;
            Console.WriteLine($"PostgreSQL: {database.Server.Description}, database {database.Name}");
            var generator = new DemandGenerator(database.OwnerConnectionString, events, people, teams, seed);
            await generator.GenerateAsync();
            Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:0} s (the demand events, with the totals kept by the triggers as they went in: {generator.EventsTook.TotalSeconds:0} s; then VACUUM ANALYZE)");
        }
        else
        {
            connectionString = (await PostgresServer.GetAsync()).ConnectionStringFor(reuse);
            Console.WriteLine($"Demand page benchmark on the database kept as {reuse}, {requests} requests");
        }

        var shape = await ShapeAsync(connectionString);
        Console.WriteLine($"Data: {shape.Events:N0} events from {shape.First:yyyy-MM-dd} to {shape.Last:yyyy-MM-dd}, {shape.Linked:P0} linked to people; " +
                          $"{shape.MonthlyRows:N0} monthly total rows, {shape.AddressMonthRows:N0} address-month rows; {shape.Addresses:N0} addresses, the busiest with {shape.Busiest:N0} call-outs");

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LOCALITY_WEB", Path.Combine(RepositoryRoot(), "src", "Locality.Web"));
        await using var web = new DemandWebHost(connectionString);
        web.StartServer();
        Uri address;
        using (var probe = web.CreateClient())
        {
            address = probe.BaseAddress!;
        }

        if (reuse is null)
        {
            await using var scope = web.Services.CreateAsyncScope();
            var identity = scope.ServiceProvider.GetRequiredService<IIdentityService>();
            foreach (var (id, email, _) in shape.Leads)
            {
                var problems = await identity.CreateLoginAsync(new UserId(id), email, DemandGenerator.LeadPassword, [Roles.TeamLead], CancellationToken.None);
                if (problems.Count > 0)
                {
                    throw new InvalidOperationException(string.Join("; ", problems));
                }
            }
        }

        // Each lead's authenticator key is made from the email, so a kept database signs in the same way.
        await using (var scope = web.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Locality.Infrastructure.Identity.ApplicationUser>>();
            foreach (var (_, email, _) in shape.Leads)
            {
                if (await users.FindByEmailAsync(email) is { } user && string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
                {
                    await scope.ServiceProvider.GetRequiredService<Locality.Infrastructure.Identity.SecondFactors>().UseKnownAuthenticatorAsync(user, Locality.Infrastructure.Seeding.DemoLocality.AuthenticatorSecret(email));
                }
            }
        }

        var leads = new List<(HttpClient Client, Guid Team)>();
        foreach (var (_, email, team) in shape.Leads)
        {
            leads.Add((await SignInAsync(address, email), team));
        }

        // The mix: the locality's last 12 months (the page as first opened on the locality), the lead's own team,
        // another team, one agency, one type, all 36 months, and a team over 36 months with 12 months before and after.
        var random = new Random(seed);
        var today = DateTime.UtcNow;
        var thirtySix = $"from={today.AddMonths(-35):yyyy-MM}&to={today:yyyy-MM}";
        var kinds = new (string Name, Func<Guid, string> Query)[]
        {
            ("Locality, last 12 months", _ => $"localityId={shape.Locality}"),
            ("Own team, last 12 months", _ => string.Empty),
            ("A team", _ => $"teamId={shape.Teams[random.Next(shape.Teams.Count)]}"),
            ("An agency", _ => $"localityId={shape.Locality}&agencyId={shape.Agencies[random.Next(shape.Agencies.Count)]}"),
            ("A type", _ => $"localityId={shape.Locality}&typeCode={shape.Types[random.Next(shape.Types.Count)]}"),
            ("Locality, 36 months", _ => $"localityId={shape.Locality}&{thirtySix}"),
            ("Own team, 36 months, 12 before and after", _ => $"{thirtySix}&months=12"),
        };
        var plan = Enumerable.Range(0, warmup + requests).Select(i =>
        {
            var (name, query) = kinds[i % kinds.Length];
            var (client, team) = leads[random.Next(leads.Count)];
            return (Name: name, Client: client, Url: "/team/demand" + (query(team) is { Length: > 0 } q ? "?" + q : string.Empty));
        }).ToList();

        foreach (var (_, client, url) in plan.Take(warmup))
        {
            await GetPageAsync(client, url);
        }

        var times = new List<(string Kind, double Ms)>();
        foreach (var (name, client, url) in plan.Skip(warmup))
        {
            var started = Stopwatch.GetTimestamp();
            await GetPageAsync(client, url);
            times.Add((name, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }

        Console.WriteLine();
        Console.WriteLine("| GET /team/demand (web host, signed-in team lead) | requests | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var kind in kinds)
        {
            Console.WriteLine(Row(kind.Name, times.Where(t => t.Kind == kind.Name).Select(t => t.Ms).ToList()));
        }

        var all = times.Select(t => t.Ms).ToList();
        Console.WriteLine(Row("**All**", all));
        var p95 = Percentile(all, 0.95);
        Console.WriteLine();
        Console.WriteLine($"p95 {p95:0.0} ms against a target under {TargetP95} ms: {(p95 < TargetP95 ? "met" : "MISSED")}");

        foreach (var (client, _) in leads)
        {
            client.Dispose();
        }

        if (database is not null && !keep)
        {
            await database.DropAsync();
        }
        else if (database is not null)
        {
            Console.WriteLine($"Kept as {database.Name} (a throwaway cluster is removed when this process ends unless LOCALITY_TEST_POSTGRES names the server)");
        }

        return p95 < TargetP95 ? 0 : 1;
    }

    private static async Task GetPageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains("Failure demand", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode} without the figures");
        }
    }

    /// <summary>Signs in through the sign-in form as a browser does: the form's anti-forgery token and its cookie, then the post.</summary>
    private static async Task<HttpClient> SignInAsync(Uri address, string email)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = address };
        var form = await client.GetStringAsync("/sign-in");
        var token = TokenPattern().Match(form) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No anti-forgery token on the sign-in page.");
        using var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = DemandGenerator.LeadPassword,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString() != "/sign-in/second-factor")
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode}");
        }

        var second = await client.GetStringAsync("/sign-in/second-factor");
        var secondToken = TokenPattern().Match(second) is { Success: true } found ? WebUtility.HtmlDecode(found.Groups[1].Value) : throw new InvalidOperationException("No anti-forgery token on the code page.");
        using var signedIn = await client.PostAsync("/sign-in/second-factor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = Locality.Infrastructure.Identity.SecondFactors.CodeNow(Locality.Infrastructure.Seeding.DemoLocality.AuthenticatorSecret(email), DateTimeOffset.UtcNow),
            ["__RequestVerificationToken"] = secondToken,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.ToString() != "/")
        {
            throw new InvalidOperationException($"Signing in as {email} failed at the code: {(int)signedIn.StatusCode}");
        }

        return client;
    }

    private sealed record Shape(
        long Events, DateTimeOffset First, DateTimeOffset Last, double Linked, long MonthlyRows, long AddressMonthRows, long Addresses, long Busiest,
        Guid Locality, IReadOnlyList<Guid> Teams, IReadOnlyList<Guid> Agencies, IReadOnlyList<string> Types, IReadOnlyList<(Guid Id, string Email, Guid Team)> Leads);

    /// <summary>What was generated (read back, so a kept database can be measured again), and whom to sign in as.</summary>
    private static async Task<Shape> ShapeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<List<T>> ListAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<T>();
            while (await reader.ReadAsync())
            {
                rows.Add(read(reader));
            }

            return rows;
        }

        var counts = (await ListAsync(
            """
            SELECT count(*), min(occurred_at), max(occurred_at), avg((person_id IS NOT NULL)::int)::float8,
                   (SELECT count(*) FROM demand_monthly_totals), (SELECT count(*) FROM demand_address_months),
                   count(DISTINCT address_key),
                   (SELECT max(n) FROM (SELECT sum(events) AS n FROM demand_address_months GROUP BY address_key) a)::bigint
            FROM demand_events
            """,
            r => (r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetDouble(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)))).Single();
        var locality = (await ListAsync("SELECT id FROM localities WHERE name = 'Benchmark locality'", r => r.GetGuid(0))).Single();
        var teams = await ListAsync("SELECT id FROM teams WHERE name LIKE 'Benchmark team %' ORDER BY created_at, name", r => r.GetGuid(0));
        var agencies = await ListAsync("SELECT id FROM agencies WHERE name LIKE 'Benchmark %' ORDER BY name", r => r.GetGuid(0));
        var types = await ListAsync("SELECT code FROM demand_types ORDER BY code", r => r.GetString(0));
        var leads = await ListAsync("SELECT id, email, team_id FROM staff_members WHERE email LIKE 'lead%@bench.locality.test' ORDER BY email", r => (r.GetGuid(0), r.GetString(1), r.GetGuid(2)));
        return new Shape(counts.Item1, counts.Item2, counts.Item3, counts.Item4, counts.Item5, counts.Item6, counts.Item7, counts.Item8, locality, teams, agencies, types, leads);
    }

    private static string Row(string name, List<double> times) =>
        $"| {name} | {times.Count} | {Percentile(times, 0.50):0.0} | {Percentile(times, 0.95):0.0} | {times.DefaultIfEmpty().Max():0.0} |";

    /// <summary>The nearest-rank percentile.</summary>
    private static double Percentile(List<double> times, double p)
    {
        if (times.Count == 0)
        {
            return 0;
        }

        var sorted = times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Locality.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]*)""")]
    private static partial Regex TokenPattern();

    /// <summary>The real web host on a real loopback port, over the generated database, logging warnings only.</summary>
    private sealed class DemandWebHost(string connectionString) : WebApplicationFactory<Locality.Web.Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            UseKestrel(0);
            builder.UseEnvironment("Benchmark");
            builder.UseSetting("ConnectionStrings:Locality", connectionString);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("RateLimits:SignInPerMinute", "1000000");
            builder.UseSetting("RateLimits:ApiPerMinute", "1000000");
        }
    }
}
