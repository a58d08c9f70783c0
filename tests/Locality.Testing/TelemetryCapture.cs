using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Locality.Testing;

/// <summary>
/// Keeps every span a host exports (through OpenTelemetry's in-memory exporter, after the host's own processors) and
/// gives the host a metrics port of its own, so a test can read what would reach a tracing backend and Prometheus.
/// Spans of other hosts in the same process may be here too: a test picks its own by port or trace.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly SpanList spans = new();

    /// <summary>A free port for the Prometheus scrape, chosen when the capture is made.</summary>
    public int MetricsPort { get; } = FreePort();

    public IReadOnlyList<Activity> Spans => spans.Snapshot();

    public void CaptureFrom(IWebHostBuilder builder)
    {
        builder.UseSetting("Telemetry:MetricsPort", MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
    }

    /// <summary>
    /// Starts the host as the factory would, but on the metrics port as well as its own: the factory replaces the
    /// host's addresses with one of its own, so the metrics address is put back beside it (first, as the factory's
    /// client uses the last address).
    /// </summary>
    public IHost Start(IHostBuilder builder)
    {
        var host = builder.Build();
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        addresses.Addresses.Clear();
        addresses.Addresses.Add($"http://127.0.0.1:{MetricsPort}");
        addresses.Addresses.Add("http://127.0.0.1:0");
        addresses.PreferHostingUrls = true;
        host.Start();
        return host;
    }

    /// <summary>Every piece of text a span carries: its names, tags, events and their tags, links, baggage and status.</summary>
    public static IEnumerable<string> TextOf(Activity span)
    {
        yield return span.OperationName;
        yield return span.DisplayName;
        yield return span.Source.Name;
        if (span.StatusDescription is { } description)
        {
            yield return description;
        }

        foreach (var (key, value) in span.TagObjects)
        {
            yield return $"{key}={value}";
        }

        foreach (var (key, value) in span.Baggage)
        {
            yield return $"{key}={value}";
        }

        foreach (var activityEvent in span.Events)
        {
            yield return activityEvent.Name;
            foreach (var (key, value) in activityEvent.Tags)
            {
                yield return $"{key}={value}";
            }
        }

        foreach (var link in span.Links)
        {
            foreach (var (key, value) in link.Tags ?? [])
            {
                yield return $"{key}={value}";
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The exporter adds from whichever thread ends a span; tests read while hosts are still working.</summary>
    private sealed class SpanList : System.Collections.ObjectModel.Collection<Activity>
    {
        public IReadOnlyList<Activity> Snapshot()
        {
            lock (Items)
            {
                return Items.ToList();
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
