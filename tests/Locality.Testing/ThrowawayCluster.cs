using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Locality.Testing;

/// <summary>
/// A PostgreSQL cluster in a temporary directory, started from the installed binaries on 127.0.0.1 and a free port,
/// owned by the postgres user when we are root (PostgreSQL refuses to run as root). A test may stop it (cleanly or
/// as a crash) and start it again on the same port, as a restart or failover would.
/// </summary>
public sealed class ThrowawayCluster
{
    private const string DirectoryPrefix = "locality-test-pg-";

    private readonly string directory;
    private readonly string data;
    private readonly string? runAs;
    private readonly string options;

    private ThrowawayCluster(string binaries, string directory, string? runAs, int port, bool durable)
    {
        Binaries = binaries;
        this.directory = directory;
        data = Path.Combine(directory, "data");
        this.runAs = runAs;
        Port = port;
        // fsync can stay off even when durable: a crashed server (not a crashed machine) leaves its writes with the
        // operating system. Commits are acknowledged before their WAL is written only when durability does not matter.
        options = $"-p {port} -c listen_addresses=127.0.0.1 -k {directory} -c fsync=off -c synchronous_commit={(durable ? "on" : "off")} " +
                  "-c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB";
    }

    public string Binaries { get; }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Include Error Detail=true";

    /// <summary>Starts a new cluster; <paramref name="durable"/> when a test crashes it and counts on every acknowledged commit.</summary>
    public static async Task<ThrowawayCluster> StartAsync(bool durable = false)
    {
        var bin = FindBinaries();
        RemoveAbandonedClusters(bin);
        var directory = Path.Combine(Path.GetTempPath(), $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(directory);
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            await RunAsync("chown", ["-R", runAs, directory], null);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], runAs);
        for (var attempt = 1; ; attempt++)
        {
            var cluster = new ThrowawayCluster(bin, directory, runAs, FreePort(), durable);
            try
            {
                await cluster.StartAgainAsync();
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Stops the server: <paramref name="crash"/> as if its machine lost power (no checkpoint, clients cut off), else a clean fast shutdown.</summary>
    public Task StopAsync(bool crash) =>
        RunAsync(Path.Combine(Binaries, "pg_ctl"), ["-D", data, "-m", crash ? "immediate" : "fast", "-w", "stop"], runAs);

    public Task StartAgainAsync() =>
        RunAsync(Path.Combine(Binaries, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], runAs);

    /// <summary>Stops the server if it runs and deletes its files.</summary>
    public void Remove() => Remove(Binaries, data, directory, runAs);

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("LOCALITY_PG_BIN") is { Length: > 0 } given && File.Exists(Path.Combine(given, "initdb")))
        {
            return given;
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "PostgreSQL is needed by these tests and none was found: no Docker engine answered and no PostgreSQL server binaries " +
            "(initdb, pg_ctl) are installed under /usr/lib/postgresql. Install them with 'sudo apt-get install -y postgresql' " +
            "(the test command deploy/local/test.sh does this for you), set LOCALITY_PG_BIN to their folder, or set " +
            "LOCALITY_TEST_POSTGRES to a connection string for a server the tests may create databases on.");
    }

    /// <summary>Clusters left behind by test runs that were killed: stopped and removed so they do not pile up.</summary>
    private static void RemoveAbandonedClusters(string bin)
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var name = Path.GetFileName(directory)[DirectoryPrefix.Length..];
            if (!int.TryParse(name.Split('-')[0], out var pid) || ProcessIsAlive(pid))
            {
                continue;
            }

            Remove(bin, Path.Combine(directory, "data"), directory, Environment.UserName == "root" ? "postgres" : null);
        }
    }

    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Remove(string bin, string data, string directory, string? runAs)
    {
        try
        {
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], runAs).GetAwaiter().GetResult();
            }

            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not remove the test cluster in {directory}: {ex.Message}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, string? runAs)
    {
        var start = new ProcessStartInfo
        {
            FileName = runAs is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (var part in new[] { "-u", runAs, "--", file })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
