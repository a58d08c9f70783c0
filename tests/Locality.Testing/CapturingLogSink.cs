using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Locality.Testing;

/// <summary>
/// Keeps every Serilog event a host writes, rendered with all its properties and any exception, so a test can check
/// what would reach the logs. The hosts read sinks from their services, so registering one is enough.
/// </summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> lines = new();
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyCollection<string> Lines => lines.ToArray();

    /// <summary>The events themselves, with the trace and span each was written in.</summary>
    public IReadOnlyCollection<LogEvent> Events => events.ToArray();

    /// <summary>Turns every level on, for every source, and sends everything the host logs here as well.</summary>
    public void CaptureEverythingFrom(IWebHostBuilder builder)
    {
        builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
        foreach (var source in new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Hangfire" })
        {
            builder.UseSetting($"Serilog:MinimumLevel:Override:{source}", "Verbose");
        }

        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(this));
    }

    public void Emit(LogEvent logEvent)
    {
        var properties = string.Join(", ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        lines.Enqueue($"{logEvent.Level} {logEvent.RenderMessage()} {{{properties}}} {logEvent.Exception}");
        events.Enqueue(logEvent);
    }
}
