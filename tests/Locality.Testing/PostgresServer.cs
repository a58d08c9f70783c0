using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Locality.Testing;

/// <summary>
/// One real PostgreSQL server per test process. In order of preference: the server named by
/// <c>LOCALITY_TEST_POSTGRES</c> (a connection string with rights to create databases); a Testcontainers
/// container when a Docker engine answers; otherwise a throwaway cluster started from the installed PostgreSQL
/// binaries on 127.0.0.1 and a free port. There is no stand-in: if none of these can be had, tests fail and say
/// what to install.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private PostgresServer(string adminConnectionString, string description)
    {
        AdminConnectionString = adminConnectionString;
        Description = description;
    }

    /// <summary>A connection string to the server's <c>postgres</c> database, as a superuser.</summary>
    public string AdminConnectionString { get; }

    public string Description { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true, MaxPoolSize = 40 }.ConnectionString;

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("LOCALITY_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return new PostgresServer(given, "the server in LOCALITY_TEST_POSTGRES");
        }

        if (DockerMightAnswer())
        {
            try
            {
                var container = new PostgreSqlBuilder("postgres:15").Build();
                await container.StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
                var builder = new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Database = "postgres" };
                return new PostgresServer(builder.ConnectionString, "a Testcontainers PostgreSQL container");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"Docker did not start a PostgreSQL container ({ex.GetType().Name}); using the installed PostgreSQL binaries instead.");
            }
        }

        return await LocalCluster.StartAsync();
    }

    private static bool DockerMightAnswer() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || File.Exists("/var/run/docker.sock");

    /// <summary>A cluster in a temporary directory, owned by the postgres user when we are root (PostgreSQL refuses to run as root).</summary>
    private static class LocalCluster
    {
        private const string DirectoryPrefix = "locality-test-pg-";

        public static async Task<PostgresServer> StartAsync()
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

            var data = Path.Combine(directory, "data");
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], runAs);

            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var options = $"-p {port} -c listen_addresses=127.0.0.1 -k {directory} -c fsync=off -c synchronous_commit=off " +
                              "-c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB";
                try
                {
                    await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], runAs);
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    continue;
                }

                AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(bin, data, directory, runAs);
                var connection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
                return new PostgresServer(connection, $"a throwaway cluster from {bin} on port {port}");
            }
        }

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

                Stop(bin, Path.Combine(directory, "data"), directory, Environment.UserName == "root" ? "postgres" : null);
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

        private static void Stop(string bin, string data, string directory, string? runAs)
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
}
