using System.Data.Common;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Locality.Infrastructure.Web;

/// <summary>
/// Counts a caller's calls in their current window, in PostgreSQL, with one upsert: every instance of every host
/// counts into the same row, so a limit holds however many instances there are. Time is the database server's own
/// clock, the one clock all instances share.
/// </summary>
internal sealed class RateLimitCounter(LocalityDbContext db)
{
    private const string CountSql = """
        INSERT INTO rate_limit_windows AS w (policy, caller, started_at, used)
        VALUES (@policy, @caller, clock_timestamp(), 1)
        ON CONFLICT (policy, caller) DO UPDATE SET
            used = CASE WHEN w.started_at <= clock_timestamp() - make_interval(secs => @seconds) THEN 1 ELSE w.used + 1 END,
            started_at = CASE WHEN w.started_at <= clock_timestamp() - make_interval(secs => @seconds) THEN clock_timestamp() ELSE w.started_at END
        RETURNING used, extract(epoch FROM w.started_at + make_interval(secs => @seconds) - clock_timestamp())::float8
        """;

    /// <summary>Counts one call; returns how many the caller has made in this window, and the seconds until it ends.</summary>
    public async Task<(int Used, double SecondsLeft)> CountAsync(string policy, string caller, int windowSeconds, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = CountSql;
            Add(command, "policy", policy);
            Add(command, "caller", caller);
            Add(command, "seconds", windowSeconds);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt32(0), reader.GetDouble(1));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Forgets windows that ended a while ago (the hourly clean-up job).</summary>
    public Task<int> ForgetEndedAsync(TimeSpan olderThan, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"DELETE FROM rate_limit_windows WHERE started_at < clock_timestamp() - make_interval(secs => {olderThan.TotalSeconds})",
            cancellationToken);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
