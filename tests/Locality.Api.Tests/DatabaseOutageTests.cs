using System.Collections.Concurrent;
using System.Net;
using Locality.Application.Common.Security;
using Locality.Testing;
using Npgsql;

namespace Locality.Api.Tests;

/// <summary>
/// PostgreSQL crashes and comes back while key workers are writing notes. Every request in flight is answered 503 with
/// Retry-After, never 500; a client that retries with its idempotency key gets its note stored exactly once, including
/// the note whose commit happened as the connection died.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const int Writers = 3;

    [Fact]
    public async Task ACrashedDatabase_Is503WithRetryAfter_AndEveryAcknowledgedWriteIsThereOnce()
    {
        var cluster = await ThrowawayCluster.StartAsync(durable: true);
        try
        {
            var database = await TestDatabase.CreateAsync(PostgresServer.Over(cluster));
            await using var api = ApiFactory.AnotherInstanceOver(database);
            await api.InitializeAsync();
            var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
            var person = await HostileInputTests.AddPersonAsync(worker);

            var acknowledged = new ConcurrentBag<string>();
            var answers = new ConcurrentBag<(HttpStatusCode Status, bool RetryAfter)>();
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested || i < 5; i++)
                {
                    var text = $"Visit note {w}-{i}";
                    var key = Guid.NewGuid().ToString();
                    for (var attempt = 1; attempt <= 60; attempt++)
                    {
                        var response = await IdempotencyTests.SendAsync(worker, $"/api/people/{person}/notes", new { text }, key);
                        answers.Add((response.StatusCode, response.Headers.RetryAfter is not null));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add(text);
                            break;
                        }

                        await Task.Delay(200);
                    }
                }
            })).ToList();

            await Task.Delay(1500);
            await cluster.StopAsync(crash: true);
            await Task.Delay(2500);
            await cluster.StartAgainAsync();
            await Task.Delay(2000);
            await stop.CancelAsync();
            await Task.WhenAll(load);

            Assert.DoesNotContain(answers, a => (int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable);
            Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable);
            Assert.All(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.True(a.RetryAfter));
            Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
            var stored = await StoredNotesAsync(database, person);
            Assert.All(acknowledged, text => Assert.Equal(1, stored.GetValueOrDefault(text)));
            Assert.Equal(acknowledged.Count, stored.Count);
            Assert.Equal(stored.Count, stored.Values.Sum());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            cluster.Remove();
        }
    }

    private static async Task<Dictionary<string, int>> StoredNotesAsync(TestDatabase database, string person)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT text, count(*) FROM timeline_entries WHERE person_id = $1 AND text LIKE 'Visit note %' GROUP BY text", connection)
        {
            Parameters = { new NpgsqlParameter { Value = Guid.Parse(person) } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new Dictionary<string, int>();
        while (await reader.ReadAsync())
        {
            stored[reader.GetString(0)] = (int)reader.GetInt64(1);
        }

        return stored;
    }
}
