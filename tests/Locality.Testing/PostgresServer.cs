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

    /// <summary>A server of a test's own (one it may stop, crash and start again), not the one the other tests share.</summary>
    public static PostgresServer Over(ThrowawayCluster cluster) =>
        new(cluster.AdminConnectionString, $"a throwaway cluster from {cluster.Binaries} on port {cluster.Port}");

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

        return await StartLocalClusterAsync();
    }

    private static bool DockerMightAnswer() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || File.Exists("/var/run/docker.sock");

    private static async Task<PostgresServer> StartLocalClusterAsync()
    {
        var cluster = await ThrowawayCluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Remove();
        return Over(cluster);
    }
}
