using System.Collections.Concurrent;
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

    public IReadOnlyCollection<string> Lines => lines.ToArray();

    public void Emit(LogEvent logEvent)
    {
        var properties = string.Join(", ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        lines.Enqueue($"{logEvent.Level} {logEvent.RenderMessage()} {{{properties}}} {logEvent.Exception}");
    }
}
