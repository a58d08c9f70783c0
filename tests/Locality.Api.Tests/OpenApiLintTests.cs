using System.Diagnostics;
using System.Reflection;

namespace Locality.Api.Tests;

/// <summary>
/// Runs Spectral, with its OpenAPI rules and the OWASP API security ruleset, over the document the API itself serves.
/// Any error fails; the whole report is in the failure message.
/// </summary>
public sealed class OpenApiLintTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string LintDirectory = typeof(OpenApiLintTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OpenApiLintDirectory").Value!;

    [Fact]
    public async Task TheOpenApiDocument_PassesSpectralAndTheOwaspApiSecurityRules()
    {
        var spectral = Path.Combine(LintDirectory, "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"Spectral is not installed at {spectral}. Install Node.js and npm (apt-get install -y nodejs npm) and build the test project, which runs npm ci in {LintDirectory}.");
        var document = Path.Combine(Path.GetTempPath(), $"locality-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await DeployedDocumentAsync());
        try
        {
            var (exitCode, output) = await RunAsync(spectral, "lint", document, "--ruleset", Path.Combine(LintDirectory, ".spectral.yaml"), "--fail-severity", "error", "--format", "text");

            Assert.True(exitCode == 0, $"Spectral found errors in the OpenAPI document (exit {exitCode}):{Environment.NewLine}{output}");
            Assert.DoesNotContain(output.Split('\n'), line => line.Contains(" error ", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(document);
        }
    }

    /// <summary>The document as a partner's developer fetches it: over https, through the TLS-terminating proxy.</summary>
    private async Task<string> DeployedDocumentAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "locality.example.gov.uk";
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await api.CreateClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"https://locality.example.gov.uk\"", text);
        return text;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = LintDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
