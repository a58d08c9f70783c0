using System.Net.Sockets;
using Locality.Application.Common.Interfaces;
using Npgsql;

namespace Locality.Infrastructure.Persistence;

/// <summary>
/// Tells a database that is briefly away (restarting, failing over, out of connections, unreachable) from a real fault.
/// A request that meets one is answered 503 with Retry-After: nothing the caller sent was wrong, and trying again soon
/// is the right thing to do. The pipeline asks through <see cref="ITransientFailures"/> (to retry a query); the
/// status mapping asks <see cref="Is"/> directly, since it runs outside any request's services.
/// </summary>
public sealed class TransientDatabaseFailures : ITransientFailures
{
    /// <summary>How long a caller is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.IsTransient || IsUnavailable(postgres.SqlState);
                case NpgsqlException:
                    // Not the server refusing something (that is a PostgresException, above) but the client unable to reach
                    // one fit for the work: an I/O failure, a timeout, an exhausted pool, or, with several hosts named,
                    // none of them (yet) the primary while a standby is being promoted.
                    return true;
                case SocketException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Connection failures (08…), too many connections or no resources (53…), and shutting down or starting up (57P01–57P03).</summary>
    private static bool IsUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow;

    bool ITransientFailures.IsTransient(Exception exception) => Is(exception);
}
