using System.Diagnostics;
using System.Text;

namespace Locality.Architecture.Tests.Deployment;

/// <summary>
/// The Node validator in deploy/kubernetes/validate, installed once per test run with <c>npm ci</c> and run on the
/// repository's overlays and on broken copies of them. Node and npm must be on PATH: the test fails (never skips)
/// without them.
/// </summary>
public sealed class ManifestValidator : IAsyncLifetime
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string KubernetesFolder => Path.Combine(RepositoryRoot, "deploy", "kubernetes");

    private static string ValidatorFolder => Path.Combine(KubernetesFolder, "validate");

    private readonly Dictionary<string, Task<ValidatorResult>> _runs = [];
    private string? _installProblem;

    /// <summary>A folder for broken copies, removed when the class's tests are done.</summary>
    public string Scratch { get; } = Path.Combine(Path.GetTempPath(), $"locality-manifests-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Scratch);
        var npm = FindOnPath("npm");
        if (npm is null || FindOnPath("node") is null)
        {
            _installProblem = "Node.js and npm are needed to check the Kubernetes manifests and are not on PATH. Install them (apt-get install -y nodejs npm; deploy/local/test.sh does it for you).";
            return;
        }

        var install = await RunAsync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], ValidatorFolder, TimeSpan.FromMinutes(5));
        if (install.ExitCode != 0)
        {
            _installProblem = $"npm ci in deploy/kubernetes/validate failed ({install.ExitCode}):\n{install.Output}";
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Scratch))
        {
            Directory.Delete(Scratch, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs <c>node validate.mjs</c> with these arguments (inputs as absolute paths).</summary>
    public async Task<ValidatorResult> ValidateAsync(params string[] arguments)
    {
        if (_installProblem is not null)
        {
            Assert.Fail(_installProblem);
        }

        return await RunAsync(FindOnPath("node")!, ["validate.mjs", .. arguments], ValidatorFolder, TimeSpan.FromMinutes(3));
    }

    /// <summary>Runs the validator once per key for the whole class, however many tests ask for the result.</summary>
    public Task<ValidatorResult> OnceAsync(string key, Func<Task<ValidatorResult>> run)
    {
        lock (_runs)
        {
            if (!_runs.TryGetValue(key, out var result))
            {
                result = run();
                _runs[key] = result;
            }

            return result;
        }
    }

    /// <summary>A copy of deploy/kubernetes's base and overlays under <see cref="Scratch"/>, to break.</summary>
    public string CopyManifests(string name)
    {
        var target = Path.Combine(Scratch, name);
        foreach (var folder in new[] { "base", "overlays", "examples" })
        {
            CopyFolder(Path.Combine(KubernetesFolder, folder), Path.Combine(target, folder));
        }

        return target;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static async Task<ValidatorResult> RunAsync(string program, IReadOnlyList<string> arguments, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        output.Append(await stdout).Append(await stderr);
        return new ValidatorResult(process.ExitCode, output.ToString());
    }

    private static string? FindOnPath(string program)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Locality.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the tests inside the repository (Locality.sln was not found above them).");
    }
}

/// <summary>What the validator printed (standard output, then standard error) and its exit code.</summary>
public sealed record ValidatorResult(int ExitCode, string Output)
{
    /// <summary>The lines printed for one input, up to and including its summary line ("&lt;input&gt;: N objects, ...").</summary>
    public string SectionFor(string input)
    {
        var lines = Output.Split('\n');
        var section = new List<string>();
        foreach (var line in lines)
        {
            section.Add(line);
            if (line.StartsWith($"{input}: ", StringComparison.Ordinal) && line.Contains(" objects, ", StringComparison.Ordinal))
            {
                return string.Join('\n', section);
            }

            if (line.Contains(" objects, ", StringComparison.Ordinal) && line.Contains(" refused, ", StringComparison.Ordinal))
            {
                section.Clear();
            }
        }

        throw new InvalidOperationException($"The validator printed nothing for {input}:\n{Output}");
    }
}
