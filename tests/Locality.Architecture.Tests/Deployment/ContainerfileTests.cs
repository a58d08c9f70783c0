namespace Locality.Architecture.Tests.Deployment;

/// <summary>
/// The container definitions in deploy/containers (one per host). No container engine exists where these tests run,
/// so the images cannot be built here; what can be checked without one is checked: each publishes its own host's
/// project from a pinned .NET 10 SDK onto the ASP.NET Core runtime, runs as a numeric non-root user, stops on
/// SIGTERM, and the build context leaves out what it must not carry.
/// </summary>
public sealed class ContainerfileTests
{
    public static TheoryData<string, string> Hosts => new()
    {
        { "web", "Locality.Web" },
        { "api", "Locality.Api" },
        { "worker", "Locality.Worker" },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Containerfile_PublishesItsHost_AndRunsAsNonRoot(string image, string project)
    {
        var lines = File.ReadAllLines(Path.Combine(ManifestValidator.RepositoryRoot, "deploy", "containers", $"{image}.Containerfile"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();

        Assert.Equal(["FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", "FROM mcr.microsoft.com/dotnet/aspnet:10.0"], lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith($"RUN dotnet publish src/{project}/{project}.csproj ", StringComparison.Ordinal));
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"{project}.dll\"]", lines[^1]);
        var user = Assert.Single(lines, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.True(int.TryParse(user["USER ".Length..], out var uid) && uid > 0, $"{image}: the user must be a number other than 0 (runAsNonRoot checks numbers), not {user}");
        Assert.Contains("STOPSIGNAL SIGTERM", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("DOTNET_EnableDiagnostics=0", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildContext_LeavesOutBuildOutputSecretsAndHistory_TheSameForDockerAndPodman()
    {
        var docker = File.ReadAllText(Path.Combine(ManifestValidator.RepositoryRoot, ".dockerignore"));
        var podman = File.ReadAllText(Path.Combine(ManifestValidator.RepositoryRoot, ".containerignore"));

        Assert.Equal(docker, podman);
        var patterns = docker.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        foreach (var required in new[] { "**/bin/", "**/obj/", "**/node_modules/", ".git/", ".locality/", "tests/" })
        {
            Assert.Contains(required, patterns);
        }
    }
}
