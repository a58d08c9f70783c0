using System.Diagnostics;
using System.Diagnostics.Metrics;
using Locality.Domain.Access;
using Locality.Infrastructure.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Locality.Infrastructure.Hosting;

/// <summary>
/// Traces and metrics (OpenTelemetry) for every host: incoming requests, calls to identity providers, database
/// commands and background jobs are traced; Locality's own measures (<see cref="Meter"/>) sit beside ASP.NET Core's,
/// the HTTP client's, Npgsql's and the runtime's. Nothing a person typed reaches a span or a metric: query strings are
/// dropped, a request's path is kept only when it matched a route and succeeded, a call out keeps only the host it went to,
/// exception messages and status descriptions are never kept, and metric tags are only route templates, status codes,
/// job types and outcomes.
/// </summary>
public static class LocalityTelemetry
{
    public const string Name = "Locality";

    /// <summary>Where the Prometheus scrape is answered, on <c>Telemetry:MetricsPort</c> only.</summary>
    public const string MetricsPath = "/metrics";

    public const string MetricsPortKey = "Telemetry:MetricsPort";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    internal static readonly Histogram<double> JobDuration = Meter.CreateHistogram(
        "locality.job.duration", "s", "How long a background job took, by job type and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.25, 1, 5, 15, 60, 300, 900, 1800, 3600] });

    internal static readonly Counter<long> ImportRows = Meter.CreateCounter<long>(
        "locality.import.rows", "{row}", "Rows of partner demand imports: stored, rejected, or already seen.");

    internal static readonly Histogram<double> ImportRowsPerSecond = Meter.CreateHistogram(
        "locality.import.rows_per_second", "{row}/s", "How fast each chunk of a partner demand import was stored.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [100, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000] });

    internal static readonly Counter<long> AuditWrites = Meter.CreateCounter<long>(
        "locality.audit.writes", "{record}", "Audit records written, by what was done to a person's record.");

    private static readonly string[] TracedSources = ["Npgsql", "Microsoft.AspNetCore", "System.Net.Http", Name];

    private static int listening;

    /// <summary>
    /// Traces and metrics for this host, named <paramref name="serviceName"/> unless <c>OTEL_SERVICE_NAME</c> says
    /// otherwise. With <c>Telemetry:MetricsPort</c> set the host also listens on that port and answers the Prometheus
    /// scrape at <see cref="MetricsPath"/> there, and nothing else; with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, traces
    /// and metrics are also sent by OTLP.
    /// </summary>
    public static WebApplicationBuilder AddLocalityTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var configuration = builder.Configuration;
        var metricsPort = MetricsPort(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        StartOnce();

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : serviceName,
                serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                // First, so every exporter after it sees spans already cleaned.
                tracing.AddProcessor(new WithoutPersonalData())
                    .AddSource(Name)
                    .AddAspNetCoreInstrumentation(options =>
                    {
                        options.Filter = context => !IsHousekeeping(context.Request.Path);
                        options.RecordException = false;
                    })
                    .AddHttpClientInstrumentation(options => options.RecordException = false)
                    .AddNpgsql();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (metricsPort is not null)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        if (metricsPort is { } port)
        {
            // Listening on a port of our own in Kestrel's options would replace the addresses from ASPNETCORE_URLS or
            // --urls, so the metrics port is added to those addresses instead.
            builder.WebHost.UseUrls([.. MainUrls(configuration), $"http://*:{port}"]);
        }

        builder.Services.AddSingleton<IStartupFilter>(new MetricsPortOnly(metricsPort));

        return builder;
    }

    public static int? MetricsPort(IConfiguration configuration) =>
        int.TryParse(configuration[MetricsPortKey], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : null;

    /// <summary>Probes and scrapes: not traced, and not logged as requests unless they fail.</summary>
    public static bool IsHousekeeping(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);

    internal static void CountAuditWrites(IEnumerable<AuditRecord> records)
    {
        foreach (var action in records.GroupBy(r => r.Action))
        {
            AuditWrites.Add(action.LongCount(), new KeyValuePair<string, object?>("audit.action", action.Key.ToString()));
        }
    }

    /// <summary>The addresses the host would listen on by itself: --urls or ASPNETCORE_URLS, else the HTTP(S) ports, else Kestrel's default.</summary>
    private static IEnumerable<string> MainUrls(IConfiguration configuration)
    {
        static string[] Split(string? value) => (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var urls = Split(configuration["urls"]);
        if (urls.Length > 0)
        {
            return urls;
        }

        var ports = Split(configuration["http_ports"]).Select(p => $"http://*:{p}")
            .Concat(Split(configuration["https_ports"]).Select(p => $"https://*:{p}")).ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    /// <summary>Once a process: background jobs are traced and timed, and exceptions recorded on spans keep no message.</summary>
    private static void StartOnce()
    {
        if (Interlocked.Exchange(ref listening, 1) == 1)
        {
            return;
        }

        JobTelemetryFilter.Register();

        // Npgsql (and ASP.NET Core) record exceptions with Activity.AddException, which takes the exception's message
        // and its ToString() unless a listener supplies them first. A database error's message can quote the value it
        // refused, so only the type and the stack frames are kept.
        ActivitySource.AddActivityListener(new ActivityListener
        {
            ShouldListenTo = source => TracedSources.Contains(source.Name),
            ExceptionRecorder = (Activity _, Exception exception, ref TagList tags) =>
            {
                for (var i = tags.Count - 1; i >= 0; i--)
                {
                    if (tags[i].Key is "exception.message" or "exception.stacktrace")
                    {
                        tags.RemoveAt(i);
                    }
                }

                tags.Add("exception.message", "Not recorded: it may hold personal data.");
                tags.Add("exception.stacktrace", exception.StackTrace ?? string.Empty);
            },
        });
    }

    /// <summary>Takes out of each finished span anything that could carry what a person typed.</summary>
    private sealed class WithoutPersonalData : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            data.SetTag("url.query", null);

            // A call out (to an identity provider) is recorded by where it went, never by the rest of its address.
            if (data.GetTagItem("url.full") is string full)
            {
                data.SetTag("url.full", Uri.TryCreate(full, UriKind.Absolute, out var address) ? address.GetLeftPart(UriPartial.Authority) : null);
            }

            // A path that matched no route is whatever the caller sent; one that matched holds only ids. A failed
            // request may have been run again for its error page, whose route then stands in for the one asked for.
            if (data.Kind == ActivityKind.Server
                && (data.GetTagItem("http.route") is null || !int.TryParse(data.GetTagItem("http.response.status_code")?.ToString(), out var status) || status >= 400))
            {
                data.SetTag("url.path", null);
            }

            if (data.Status == ActivityStatusCode.Error)
            {
                data.SetStatus(ActivityStatusCode.Error);
            }

            data.SetTag("otel.status_description", null);
        }
    }

    /// <summary>
    /// Ahead of everything else (sign-in, logging, rate limits): on the metrics port the scrape is the only thing
    /// answered, and everything else there is a 404; on any other port the scrape's address is a 404 too, so it is never
    /// mistaken for a page that needs signing in to.
    /// </summary>
    private sealed class MetricsPortOnly(int? port) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (port is not null)
            {
                app.UseOpenTelemetryPrometheusScrapingEndpoint(context => OnMetricsPort(context) && IsScrape(context));
            }

            app.MapWhen(context => OnMetricsPort(context) || IsScrape(context), other => other.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
            next(app);
        };

        private bool OnMetricsPort(HttpContext context) => port is not null && context.Connection.LocalPort == port;

        private static bool IsScrape(HttpContext context) => context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);
    }
}
