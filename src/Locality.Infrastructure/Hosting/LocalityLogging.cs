using Microsoft.AspNetCore.Builder;
using Serilog;
using Serilog.Events;

namespace Locality.Infrastructure.Hosting;

public static class LocalityLogging
{
    /// <summary>
    /// Structured logs to the console, levels from configuration (<c>Serilog:MinimumLevel</c>). When the host runs a
    /// one-off command, logs go to standard error so the command's own output can be read by a script.
    /// Requests are logged by path only: query strings can carry names, so they are never logged.
    /// </summary>
    public static void AddLocalityLogging(this WebApplicationBuilder builder, string[] args)
    {
        var toStandardError = LocalityCommands.IsCommand(args) ? LogEventLevel.Verbose : (LogEventLevel?)null;
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(standardErrorFromLevel: toStandardError));
    }
}
