using Locality.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Locality.Api.Tests;

/// <summary>
/// The hourly housekeeping forgets idempotency keys past their keeping period (a day) and rate-limit windows that
/// ended over an hour ago, and nothing younger: a client's retry within the day still finds its answer.
/// </summary>
public sealed class HousekeepingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Sender = "housekeeping-test";

    [Fact]
    public async Task Housekeeping_ForgetsOnlyKeysPastTheirDay_AndWindowsThatEndedOverAnHourAgo()
    {
        var now = api.Clock.GetUtcNow();
        await ExecuteAsync(
            "INSERT INTO idempotency_keys (sender, key, request, ordinal, fingerprint, answer, created_at) " +
            "VALUES ($1, 'a-day-and-a-minute-old', 'test', 0, '\\x00', NULL, $2), ($1, 'nearly-a-day-old', 'test', 0, '\\x00', NULL, $3)",
            Sender, now.AddHours(-24).AddMinutes(-1), now.AddHours(-24).AddMinutes(1));
        await ExecuteAsync(
            "INSERT INTO rate_limit_windows (policy, caller, started_at, used) " +
            "VALUES ($1, 'started-61-minutes-ago', clock_timestamp() - interval '61 minutes', 5), ($1, 'started-59-minutes-ago', clock_timestamp() - interval '59 minutes', 5)",
            Sender);

        var forgotten = await api.Services.GetRequiredService<HousekeepingJob>().RunAsync(CancellationToken.None);

        Assert.True(forgotten >= 2, $"forgot {forgotten} rows");
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM idempotency_keys WHERE sender = $1 AND key = 'a-day-and-a-minute-old'", Sender));
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM idempotency_keys WHERE sender = $1 AND key = 'nearly-a-day-old'", Sender));
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM rate_limit_windows WHERE policy = $1 AND caller = 'started-61-minutes-ago'", Sender));
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM rate_limit_windows WHERE policy = $1 AND caller = 'started-59-minutes-ago'", Sender));
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
