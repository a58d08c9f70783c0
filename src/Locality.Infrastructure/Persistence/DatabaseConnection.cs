using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Locality.Infrastructure.Persistence;

public static class DatabaseConnection
{
    /// <summary>
    /// The connection string from <c>ConnectionStrings:Locality</c> (environment variable
    /// <c>ConnectionStrings__Locality</c>). There is no silent default: a missing one stops start-up with a clear message.
    /// </summary>
    public static string Resolve(IConfiguration configuration) =>
        configuration.GetConnectionString(DependencyInjection.ConnectionStringName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "No database is configured. Set the environment variable ConnectionStrings__Locality to a PostgreSQL connection string, " +
                "for example: Host=127.0.0.1;Port=5432;Database=locality;Username=locality;Password=…");

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
