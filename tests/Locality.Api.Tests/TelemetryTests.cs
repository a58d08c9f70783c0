using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Locality.Application.Common.Security;
using Locality.Infrastructure.Jobs;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Locality.Api.Tests;

/// <summary>The API host exporting its spans to memory, serving its metrics on a port of its own, and logging everything.</summary>
public sealed class TracedApiFactory : ApiFactory
{
    public TelemetryCapture Telemetry { get; } = new();

    public CapturingLogSink Logs { get; } = new();

    /// <summary>The Prometheus scrape, as a scraper on the metrics port reads it.</summary>
    public async Task<string> ScrapeAsync()
    {
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Telemetry.MetricsPort}") };
        var response = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Runs a background job as Hangfire's server does (its filters included), without waiting for a server to pick it up.</summary>
    public void Perform(string jobId)
    {
        var storage = Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var data = connection.GetJobData(jobId);
        var performer = new BackgroundJobPerformer(JobFilterProviders.Providers, Services.GetRequiredService<JobActivator>());
        performer.Perform(new PerformContext(storage, connection, new BackgroundJob(jobId, data.Job, data.CreatedAt), new JobCancellationToken(false)));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Telemetry.CaptureFrom(builder);
        Logs.CaptureEverythingFrom(builder);
    }

    protected override IHost CreateHost(IHostBuilder builder) => Telemetry.Start(builder);
}

public sealed class TelemetryTests(TracedApiFactory api) : IClassFixture<TracedApiFactory>
{
    [Fact]
    public async Task RequestsCarryingAPersonsNameNhsNumberAndNote_AreTracedAndMeasured_WithNoneOfThemInAnySpanOrMetric()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var someone = HostilePerson.Named("Philippa", "Quennell");
        var (given, family) = (someone.Given, someone.Family);
        var phrase = "heron over Pennington Flash " + Guid.NewGuid().ToString("N")[..6];
        var person = someone.ApiBody();

        var created = await worker.PostAsJsonAsync("/api/people", person);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var found = await worker.GetFromJsonAsync<JsonElement>($"/api/people?name={given}%20{family}&nhsNumber={HostilePerson.NhsDigits}");
        Assert.Contains(found.EnumerateArray(), p => p.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/api/people/{id}/notes", new { text = phrase })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/people/{id}")).StatusCode);

        // A name where an id belongs matches no route; a refused NHS number is a 400; neither may leave what was sent.
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/people/{family}")).StatusCode);
        person["nhsNumber"] = HostilePerson.RefusedNhsNumber;
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostAsJsonAsync("/api/people", person)).StatusCode);

        // A database error that quotes the value it refused: the span keeps the error's type, never its message.
        await using (var connection = new NpgsqlConnection(api.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT $1::uuid", connection) { Parameters = { new NpgsqlParameter { Value = family } } };
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());
            Assert.Contains(family, refused.MessageText, StringComparison.Ordinal);
        }

        var spans = api.Telemetry.Spans;
        var ours = spans.Where(s => s.Kind == ActivityKind.Server && OnPort(s, api.BaseAddress.Port)).ToList();
        Assert.Contains(ours, s => (string?)s.GetTagItem("http.route") == "/api/people/{id:guid}" && s.DisplayName == "GET /api/people/{id:guid}");
        var search = Assert.Single(ours, s => (string?)s.GetTagItem("http.route") == "/api/people/" && s.DisplayName.StartsWith("GET", StringComparison.Ordinal));
        Assert.Null(search.GetTagItem("url.query"));
        Assert.Contains(spans, s => s.Source.Name == "Npgsql" && s.TraceId == search.TraceId && s.GetTagItem("db.query.text") is string);
        var failed = Assert.Single(spans, s => s.Source.Name == "Npgsql" && s.GetTagItem("db.query.text") as string == "SELECT $1::uuid");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        var exception = Assert.Single(failed.Events, e => e.Name == "exception");
        Assert.Equal(typeof(PostgresException).FullName, exception.Tags.Single(t => t.Key == "exception.type").Value?.ToString());

        var scrape = await api.ScrapeAsync();
        Assert.Contains(Series(scrape, "http_server_request_duration_seconds_count"), s => s.Contains("http_route=\"/api/people/{id:guid}\"", StringComparison.Ordinal));
        Assert.Contains(Series(scrape, "locality_audit_writes_total"), s => s.Contains("audit_action=\"Listed\"", StringComparison.Ordinal));
        Assert.Contains(Series(scrape, "locality_audit_writes_total"), s => s.Contains("audit_action=\"Changed\"", StringComparison.Ordinal));
        Assert.NotEmpty(Series(scrape, "db_client_operation_duration_seconds_count"));

        var everything = spans.SelectMany(TelemetryCapture.TextOf).ToList();
        someone.AssertNoneIn(everything, "a span", phrase, "Pennington");
        someone.AssertNoneIn([scrape], "the metrics", phrase, "Pennington");
    }

    [Fact]
    public async Task ABackgroundJob_HasASpanOfItsOwn_AndItsDurationByTypeAndOutcome_AndAnImportCountsItsRows()
    {
        var (police, agency) = await api.PartnerSystemAsync();
        var accepted = await police.PostAsJsonAsync("/api/demand/imports", new
        {
            agencyId = agency,
            events = new object[]
            {
                new { sourceReference = "OTEL-1", type = "police-call-out", occurredAt = "2026-05-01T22:15:00Z", uprn = "100011781234", classification = "failure", failureType = "REPEAT_CALLOUT" },
                new { sourceReference = "OTEL-2", type = "police-call-out", occurredAt = "2026-05-02 10:00", uprn = "10001A78", classification = "value" },
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var importId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var jobs = api.Services.GetRequiredService<IBackgroundJobClient>();

        api.Perform(jobs.Enqueue<HousekeepingJob>(job => job.RunAsync(CancellationToken.None)));
        api.Perform(jobs.Enqueue<DemandImportJob>(job => job.RunAsync(importId, CancellationToken.None)));

        var spans = api.Telemetry.Spans;
        var job = spans.Last(s => s.DisplayName == "job HousekeepingJob");
        Assert.Equal("Locality", job.Source.Name);
        Assert.Equal("succeeded", job.GetTagItem("job.outcome"));
        Assert.Contains(spans, s => s.Source.Name == "Npgsql" && s.ParentSpanId == job.SpanId);
        var report = await police.GetFromJsonAsync<JsonElement>($"/api/demand/imports/{importId}");
        Assert.Equal(("Finished", 1, 1), (report.GetProperty("status").GetString(), report.GetProperty("imported").GetInt32(), report.GetProperty("rejected").GetInt32()));

        var scrape = await api.ScrapeAsync();
        var jobSeries = Series(scrape, "locality_job_duration_seconds_count");
        Assert.Contains(jobSeries, s => s.Contains("job_type=\"HousekeepingJob\"", StringComparison.Ordinal) && s.Contains("job_outcome=\"succeeded\"", StringComparison.Ordinal));
        Assert.Contains(jobSeries, s => s.Contains("job_type=\"DemandImportJob\"", StringComparison.Ordinal) && s.Contains("job_outcome=\"succeeded\"", StringComparison.Ordinal));
        Assert.Contains(Series(scrape, "locality_import_rows_total"), s => s.Contains("import_outcome=\"stored\"", StringComparison.Ordinal));
        Assert.Contains(Series(scrape, "locality_import_rows_total"), s => s.Contains("import_outcome=\"rejected\"", StringComparison.Ordinal));
        Assert.NotEmpty(Series(scrape, "locality_import_rows_per_second_count"));
        Assert.NotEmpty(Series(scrape, "dotnet_gc_collections_total"));
    }

    /// <summary>The lines of one series in a scrape (labels in any order).</summary>
    internal static List<string> Series(string scrape, string name) =>
        scrape.Split('\n').Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal)).ToList();

    internal static bool OnPort(Activity span, int port) =>
        span.GetTagItem("server.port")?.ToString() == port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ALogEventWrittenDuringARequest_CarriesTheRequestsTraceAndSpan()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        const string path = "/api/my-day";

        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync(path)).StatusCode);

        var span = Assert.Single(api.Telemetry.Spans, s => s.Kind == ActivityKind.Server && OnPort(s, api.BaseAddress.Port) && (string?)s.GetTagItem("http.route") == path);
        var logged = api.Logs.Events.Where(e => e.Properties.TryGetValue("RequestPath", out var value) && value.ToString() == $"\"{path}\"").ToList();
        Assert.NotEmpty(logged);
        Assert.All(logged, e => Assert.Equal((span.TraceId, span.SpanId), (e.TraceId!.Value, e.SpanId!.Value)));
        Assert.Contains(api.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Executed DbCommand", StringComparison.Ordinal) && e.TraceId == span.TraceId);
    }

    [Fact]
    public async Task TheMetricsAnswer_OnlyOnTheMetricsPort_AndTheMetricsPortAnswersNothingElse()
    {
        using var client = api.CreateClient();
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api.Telemetry.MetricsPort}") };

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync("/api/people")).StatusCode);

        // Probes and scrapes are not traced.
        Assert.DoesNotContain(api.Telemetry.Spans, s => s.Kind == ActivityKind.Server && OnPort(s, api.BaseAddress.Port)
            && s.GetTagItem("http.route") is "/health/live" or "/metrics");
    }
}

/// <summary>
/// The API as it is run: its own process, listening where ASPNETCORE_URLS says and, with Telemetry__MetricsPort set,
/// on that port too, which serves the scrape and nothing else.
/// </summary>
public sealed class MetricsPortTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task WithAMetricsPort_TheHostStillListensWhereAspNetCoreUrlsSays_AndServesTheScrapeOnlyOnTheMetricsPort()
    {
        var (main, metrics) = (TelemetryCapture.FreePort(), TelemetryCapture.FreePort());
        var start = new ProcessStartInfo(Environment.ProcessPath!, [Path.Combine(AppContext.BaseDirectory, "Locality.Api.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Locality"] = api.Database.ConnectionString;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{main}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Telemetry__MetricsPort"] = metrics.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The API did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{main}"), Timeout = TimeSpan.FromSeconds(30) };
            using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metrics}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilAnsweringAsync(client, process);

            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
            var scrape = await scraper.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.Contains("http_server_request_duration_seconds", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WaitUntilAnsweringAsync(HttpClient client, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(process.HasExited, "The API stopped before it answered.");
            try
            {
                if ((await client.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The API did not answer on ASPNETCORE_URLS within 90 s.");
    }
}
