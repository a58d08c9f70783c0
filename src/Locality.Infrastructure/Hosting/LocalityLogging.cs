using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using Serilog.Filters;
using Serilog.Formatting.Compact;

namespace Locality.Infrastructure.Hosting;

public static class LocalityLogging
{
    private const string WholeUrlSource = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Logs as one JSON object a line (with <c>@tr</c> and <c>@sp</c>, the trace and span ids) instead of text.</summary>
    public const string JsonLogsKey = "Telemetry:JsonLogs";

    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId} {SpanId}{NewLine}{Exception}";

    /// <summary>
    /// Structured logs to the console, levels from configuration (<c>Serilog:MinimumLevel</c>). When the host runs a
    /// one-off command, logs go to standard error so the command's own output can be read by a script.
    /// Requests are logged by path only: query strings can carry names and NHS numbers, so they are never logged. ASP.NET
    /// Core's own request lines carry the whole URL, so they are dropped at any level (Serilog's one line per request,
    /// with the path, takes their place).
    /// </summary>
    public static void AddLocalityLogging(this WebApplicationBuilder builder, string[] args)
    {
        var isCommand = LocalityCommands.IsCommand(args);

        // Each host keeps its own logger rather than the process-wide one, so two hosts in one process (as in the
        // tests) each write to their own sinks.
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger
                    .ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    .Filter.ByExcluding(Matching.FromSource(WholeUrlSource));

                // Each line carries the trace and span it was written in (a request's or a job's), to find it by in the traces.
                var toStandardError = isCommand ? LogEventLevel.Verbose : (LogEventLevel?)null;
                if (builder.Configuration.GetValue(JsonLogsKey, false))
                {
                    logger.WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: toStandardError);
                }
                else
                {
                    logger.WriteTo.Console(outputTemplate: TextTemplate, standardErrorFromLevel: toStandardError);
                }

                if (isCommand)
                {
                    // EF Core logs its first look for the migrations table, on a new database, as a failed command.
                    logger.MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal);
                }
            },
            preserveStaticLogger: true);
    }

    /// <summary>
    /// One line per request, with the method, the path (never the query string), the status and the time. Health
    /// probes that answer are logged only at the lowest level: they come every few seconds.
    /// </summary>
    public static WebApplication UseLocalityRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILogger>();
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : LocalityTelemetry.IsHousekeeping(context.Request.Path) ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
        return app;
    }
}
