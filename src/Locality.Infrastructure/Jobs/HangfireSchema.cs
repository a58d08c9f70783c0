using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Locality.Infrastructure;

/// <summary>Hangfire keeps its own tables in their own schema; the migrate step installs or upgrades them.</summary>
public static class HangfireSchema
{
    public const string Name = "hangfire";

    public static void Install(string connectionString)
    {
        _ = new PostgreSqlStorage(
            new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()),
            new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = Name });
    }
}
