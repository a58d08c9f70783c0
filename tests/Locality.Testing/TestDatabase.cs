using Locality.Infrastructure;
using Locality.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Locality.Testing;

/// <summary>
/// A database of its own for a test class, copied in about a tenth of a second from a template that was migrated
/// once per test process (the real migrations, Hangfire's schema and the roles).
/// </summary>
public sealed class TestDatabase
{
    private const string TemplateName = "locality_template";
    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static readonly Dictionary<string, Task> TemplateReady = [];

    private TestDatabase(PostgresServer server, string name)
    {
        Server = server;
        Name = name;
        ConnectionString = server.HostsConnectionStringFor(name);
        OwnerConnectionString = server.ConnectionStringFor(name);
    }

    public PostgresServer Server { get; }

    public string Name { get; }

    /// <summary>As the hosts connect: the hosts' login role, which owns nothing (every host under test uses this).</summary>
    public string ConnectionString { get; }

    /// <summary>As the owner of the tables (a superuser here), for what only an owner may do.</summary>
    public string OwnerConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync() => await CreateAsync(await PostgresServer.GetAsync());

    /// <summary>A database on a given server: a test's own cluster, which it may stop and start.</summary>
    public static async Task<TestDatabase> CreateAsync(PostgresServer server)
    {
        await Creating.WaitAsync();
        try
        {
            if (!TemplateReady.TryGetValue(server.AdminConnectionString, out var ready))
            {
                TemplateReady[server.AdminConnectionString] = ready = BuildTemplateAsync(server);
            }

            await ready;
            var name = $"locality_test_{Guid.NewGuid():N}";
            await server.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {TemplateName}");
            return new TestDatabase(server, name);
        }
        finally
        {
            Creating.Release();
        }
    }

    /// <summary>One number from the database, as a test checks what was stored: <c>SELECT count(*) … WHERE x = $1</c>.</summary>
    public async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Drops the database once its connections are closed; a leftover is removed with its cluster anyway.</summary>
    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Server.ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task BuildTemplateAsync(PostgresServer server)
    {
        await server.ExecuteAsync($"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
        await server.ExecuteAsync($"CREATE DATABASE {TemplateName}");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{DependencyInjection.ConnectionStringName}"] = server.ConnectionStringFor(TemplateName),
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddInfrastructure(configuration, JobServer.QueuesOnly);
        services.AddLocalityIdentity();
        await using (var provider = services.BuildServiceProvider())
        {
            await using var scope = provider.CreateAsyncScope();
            await LocalityCommands.MigrateAsync(scope.ServiceProvider);
        }

        await server.EnsureHostsLoginAsync();

        NpgsqlConnection.ClearAllPools();
    }
}
