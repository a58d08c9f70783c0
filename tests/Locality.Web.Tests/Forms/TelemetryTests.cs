using System.Diagnostics;
using System.Net;
using Locality.Application.Common.Security;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Locality.Web.Tests.Forms;

/// <summary>The web host exporting its spans to memory and serving its metrics on a port of its own.</summary>
public sealed class TracedWebFactory : WebFactory
{
    public TelemetryCapture Telemetry { get; } = new();

    public CapturingLogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Telemetry.CaptureFrom(builder);
        Logs.CaptureEverythingFrom(builder);
    }

    protected override IHost CreateHost(IHostBuilder builder) => Telemetry.Start(builder);
}

public sealed class TelemetryTests(TracedWebFactory web) : IClassFixture<TracedWebFactory>
{
    [Fact]
    public async Task FormsAndSearchesCarryingAPersonsNameNhsNumberAndNote_AreTraced_WithNoneOfThemInAnySpanOrMetric()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var someone = HostilePerson.Named("Ottoline", "Brackenbury");
        var (given, family) = (someone.Given, someone.Family);
        var phrase = "kingfisher by the Leeds and Liverpool canal " + Guid.NewGuid().ToString("N")[..6];
        var person = someone.WebForm();

        Assert.Equal(HttpStatusCode.BadRequest, (await worker.SubmitAsync("/people/new", person)).Status);
        person["NhsNumber"] = HostilePerson.NhsNumber;
        var added = await worker.SubmitAsync("/people/new", person);
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var page = added.Response.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitAsync($"{page}/note", new() { ["Text"] = phrase })).Status);
        Assert.Contains(phrase, (await worker.GetAsync(page)).Document.QuerySelector("main")!.TextContent);
        var found = await worker.GetAsync($"/people?Name={given}+{family}&NhsNumber={HostilePerson.NhsDigits}");
        Assert.Contains(family, found.Document.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/people/{family}")).Status);

        var spans = web.Telemetry.Spans;
        var ours = spans.Where(s => s.Kind == ActivityKind.Server && s.GetTagItem("server.port")?.ToString() == web.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var search = Assert.Single(ours, s => s.GetTagItem("http.route") is string route && route.TrimStart('/') == "people" && s.GetTagItem("http.request.method") as string == "GET" && s.GetTagItem("url.path") as string == "/people");
        Assert.Null(search.GetTagItem("url.query"));
        Assert.Contains(spans, s => s.Source.Name == "Npgsql" && s.TraceId == search.TraceId);

        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{web.Telemetry.MetricsPort}") };
        var scrape = await scraper.GetStringAsync("/metrics");
        Assert.Contains("http_server_request_duration_seconds_count{", scrape, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync("/metrics")).Status);

        var everything = spans.SelectMany(TelemetryCapture.TextOf).ToList();
        someone.AssertNoneIn(everything, "a span", phrase, "kingfisher");
        someone.AssertNoneIn([scrape], "the metrics", phrase, "kingfisher");

        // Every log line of the search belongs to its trace.
        var logged = web.Logs.Events.Where(e => e.TraceId == search.TraceId).ToList();
        Assert.Contains(logged, e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/people\"" && e.SpanId == search.SpanId);
    }
}
