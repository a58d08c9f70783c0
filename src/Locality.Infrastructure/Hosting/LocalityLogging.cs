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
        var isCommand = LocalityCommands.IsCommand(args);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .WriteTo.Console(standardErrorFromLevel: isCommand ? LogEventLevel.Verbose : null);
            if (isCommand)
            {
                // EF Core logs its first look for the migrations table, on a new database, as a failed command.
                logger.MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal);
            }
        });
    }
}
