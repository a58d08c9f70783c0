using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Locality.Infrastructure;

/// <summary>Hangfire keeps its own tables in their own schema; the migrate step installs or upgrades them.</summary>
public static class HangfireSchema
{
    public const string Name = "hangfire";

    /// <summary>How long a job stays claimed by a server that has stopped renewing its claim.</summary>
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(40);

    public static void Install(string connectionString) => Storage(connectionString, prepareSchema: true);

    public static PostgreSqlStorage Storage(string connectionString, bool prepareSchema)
    {
        var options = new PostgreSqlStorageOptions
        {
            PrepareSchemaIfNecessary = prepareSchema,
            SchemaName = Name,

            // A running job's claim is renewed while its server lives, so the claim can be short: a job whose server
            // died (killed, out of memory, its machine gone) is taken by another server within a minute, not half an hour.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = InvisibilityTimeout,
            QueuePollInterval = TimeSpan.FromSeconds(5),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
