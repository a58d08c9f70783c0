using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Locality.Infrastructure;

/// <summary>Hangfire keeps its own tables in their own schema; the migrate step installs or upgrades them.</summary>
public static class HangfireSchema
{
    public const string Name = "hangfire";

    public static void Install(string connectionString) => Storage(connectionString, prepareSchema: true);

    public static PostgreSqlStorage Storage(string connectionString, bool prepareSchema)
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = prepareSchema, SchemaName = Name };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
