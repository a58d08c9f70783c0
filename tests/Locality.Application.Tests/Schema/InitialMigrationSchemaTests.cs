using Locality.Infrastructure;
using Locality.Infrastructure.Persistence;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Locality.Application.Tests.Schema;

/// <summary>
/// The fourteen migrations made before anything was deployed (20261123000447_Foundation to
/// 20261201091222_IdempotencyKeys) were squashed into one initial migration. Before they
/// were deleted, a database was built from that old chain and its <c>pg_dump --schema-only</c>, normalised as
/// <see cref="SchemaDump"/> says, was kept as <c>Schema/schema-before-squash.sql</c>. This builds a new, empty database
/// with the initial migration alone (as <c>migrate</c> does, up to that migration, so later migrations do not change
/// what is compared) and asserts the same dump, line for line: tables and the order of their columns, constraints,
/// indexes, sequences, and the hand-written functions and triggers (see <c>Persistence/Migrations/Sql</c>). Nothing
/// is reordered to compare: where the old chain added a column later, <c>Initial</c> lists it last as that chain did.
/// </summary>
public sealed class InitialMigrationSchemaTests
{
    private const string InitialMigration = "20261201120000_Initial";

    private static string FixturePath => Path.Combine(RepositoryFiles.Root, "tests", "Locality.Application.Tests", "Schema", "schema-before-squash.sql");

    [Fact]
    public async Task TheInitialMigration_BuildsTheSameSchemaAsTheSquashedChain()
    {
        var server = await PostgresServer.GetAsync();
        var name = $"locality_schema_{Guid.NewGuid():N}";
        await server.ExecuteAsync($"CREATE DATABASE {name}");
        try
        {
            await MigrateAsync(server.ConnectionStringFor(name));
            var actual = await SchemaDump.OfAsync(server.ConnectionStringFor(name));

            var written = Path.Combine(AppContext.BaseDirectory, "schema-after-initial.sql");
            await File.WriteAllTextAsync(written, actual);
            Assert.True(File.Exists(FixturePath), $"The fixture {FixturePath} is missing; this run's dump is in {written}.");
            var difference = SchemaDump.FirstDifference(await File.ReadAllTextAsync(FixturePath), actual);
            Assert.True(difference is null, $"{difference}\nThe whole dump of the new database is in {written}.");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task TheInitialMigration_GoingDown_LeavesNoTableOrFunctionOfOurs()
    {
        var server = await PostgresServer.GetAsync();
        var name = $"locality_schema_{Guid.NewGuid():N}";
        await server.ExecuteAsync($"CREATE DATABASE {name}");
        try
        {
            await MigrateAsync(server.ConnectionStringFor(name));
            await MigrateAsync(server.ConnectionStringFor(name), Migration.InitialDatabase);
            await using var connection = new NpgsqlConnection(server.ConnectionStringFor(name));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                SELECT string_agg(name, ', ') FROM (
                    SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__ef_migrations_history'
                    UNION ALL SELECT proname FROM pg_proc WHERE proname LIKE 'locality_%') left_behind
                """, connection);
            Assert.Equal(DBNull.Value, await command.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    [Fact]
    public void TheNormaliser_LeavesOutOnlyWhatDiffersBetweenDumpsOfOneSchema()
    {
        const string dump = """
            --
            -- PostgreSQL database dump
            --
            \restrict 3gq8F2bN

            SET statement_timeout = 0;
            SELECT pg_catalog.set_config('search_path', '', false);
            CREATE TABLE public.t (
                b integer NOT NULL,
                a integer
            );   

            \unrestrict 3gq8F2bN
            """;

        Assert.Equal("CREATE TABLE public.t (\n    b integer NOT NULL,\n    a integer\n);\n", SchemaDump.Normalise(dump.ReplaceLineEndings("\n")));
    }

    private static async Task MigrateAsync(string connectionString, string target = InitialMigration)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{Infrastructure.DependencyInjection.ConnectionStringName}"] = connectionString,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddInfrastructure(configuration, JobServer.QueuesOnly);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        Assert.Contains(InitialMigration, db.Database.GetMigrations());
        await db.GetService<IMigrator>().MigrateAsync(target);
    }
}
