using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Locality.Web.Tests.Browser;

/// <summary>
/// Headless Chromium (the machine's own, at /usr/bin/chromium or LOCALITY_CHROMIUM) driving the real web host on a
/// real port. Every page a journey lands on is checked with axe-core against WCAG 2.2 A and AA. A fixture that needs
/// the host over something other than an empty database (the demo locality) passes its own host in.
/// </summary>
public partial class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public BrowserFixture()
        : this(new WebFactory())
    {
    }

    protected BrowserFixture(WebFactory web) => Web = web;

    public WebFactory Web { get; }

    public string AxeSource { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("LOCALITY_CHROMIUM") is { Length: > 0 } given ? given : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium and found none at {chromium}. Install it with 'sudo apt-get install -y chromium' " +
                "(the test command deploy/local/test.sh does this for you), or set LOCALITY_CHROMIUM to its path.");
        }

        AxeSource = await File.ReadAllTextAsync(AxePath());
        // Through the interface, so a host that seeds itself when started (the demo's) does so.
        await ((IAsyncLifetime)Web).InitializeAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
        await PrepareAsync();
    }

    /// <summary>Anything a fixture adds once the host and the browser are up.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await ((IAsyncLifetime)Web).DisposeAsync();
    }

    public async Task<Journey> StartAsync(bool javaScript = true, int width = 1280, int height = 900)
    {
        var context = await browser!.NewContextAsync(new()
        {
            BaseURL = Web.BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        var checker = javaScript ? null : await (await browser.NewContextAsync(new() { BaseURL = Web.BaseAddress.ToString() })).NewPageAsync();
        return new Journey(await context.NewPageAsync(), this, checker);
    }

    private static string AxePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Locality.sln")))
        {
            directory = directory.Parent;
        }

        var path = directory is null ? null : Path.Combine(directory.FullName, "src", "Locality.Web", "node_modules", "axe-core", "axe.min.js");
        return path is not null && File.Exists(path)
            ? path
            : throw new InvalidOperationException("axe-core was not found in src/Locality.Web/node_modules. Building Locality.Web runs 'npm ci' there; run it by hand if the build could not reach npm.");
    }

    /// <summary>
    /// Every violation axe found, but one: GOV.UK Frontend's script marks a radio or checkbox that reveals a question
    /// with <c>aria-expanded</c>, which ARIA does not allow on those roles. The Design System keeps it on purpose, as
    /// screen readers announce it (alphagov/govuk-frontend#979, a listed known issue), so only that attribute, on only
    /// such an input, is let through; any other problem on the same input still fails.
    /// </summary>
    internal static IReadOnlyList<string> DescribeViolations(JsonElement result) =>
        result.GetProperty("violations").EnumerateArray()
            .Select(v => (Violation: v, Nodes: v.GetProperty("nodes").EnumerateArray().Where(n => !IsGovUkRevealExpanded(v, n)).ToList()))
            .Where(v => v.Nodes.Count > 0)
            .Select(v => $"{v.Violation.GetProperty("id").GetString()} ({v.Violation.GetProperty("impact").GetString()}): {v.Violation.GetProperty("help").GetString()} at " +
                         string.Join(" | ", v.Nodes.Take(3).Select(n => n.GetProperty("html").GetString())))
            .ToList();

    private static bool IsGovUkRevealExpanded(JsonElement violation, JsonElement node)
    {
        var html = node.GetProperty("html").GetString() ?? string.Empty;
        var summary = node.TryGetProperty("failureSummary", out var s) ? s.GetString() ?? string.Empty : string.Empty;
        return violation.GetProperty("id").GetString() == "aria-allowed-attr"
               && RevealingInput().IsMatch(html)
               && summary.Contains("aria-expanded", StringComparison.Ordinal)
               && CountOf(summary, "aria-") == CountOf(summary, "aria-expanded");
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    [GeneratedRegex("^<input class=\"govuk-(radios|checkboxes)__input\"[^>]*aria-controls=\"conditional-", RegexOptions.CultureInvariant)]
    private static partial Regex RevealingInput();
}
