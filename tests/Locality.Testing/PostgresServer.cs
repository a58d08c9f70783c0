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
    /// <summary>The role the hosts log in as in every test (a member of the hosts' role, never an owner).</summary>
    public const string HostsLogin = "locality_app";

    private const string HostsPassword = "locality-app-test";

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

    /// <summary>A connection string as the superuser: for making databases and roles, and for migrations (as their owner).</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true, MaxPoolSize = 40 }.ConnectionString;

    /// <summary>
    /// A connection string as the hosts connect in production: <see cref="HostsLogin"/>, a member of the hosts' role, which
    /// owns no table and cannot disable a trigger (see DatabaseRoles). Every host in the tests connects so.
    /// </summary>
    public string HostsConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = database,
            Username = HostsLogin,
            Password = HostsPassword,
            Pooling = true,
            MaxPoolSize = 40,
        }.ConnectionString;

    /// <summary>Makes (or refreshes) the hosts' login role, as an operator would: it may log in and is a member of the hosts' role.</summary>
    public Task EnsureHostsLoginAsync() => ExecuteAsync(
        $$"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{{HostsLogin}}') THEN
                BEGIN
                    CREATE ROLE {{HostsLogin}} LOGIN PASSWORD '{{HostsPassword}}';
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;
                END;
            END IF;
            ALTER ROLE {{HostsLogin}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{{HostsPassword}}';
        END
        $$;
        GRANT {{Locality.Infrastructure.Persistence.DatabaseRoles.DefaultHostsRole}} TO {{HostsLogin}};
        """);

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
