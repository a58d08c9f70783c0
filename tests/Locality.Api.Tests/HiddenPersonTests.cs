using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Locality.Api.Tests;

/// <summary>
/// A partner viewer asking for a person their agency may not see learns nothing, not even from the time taken: the
/// answer, the queries run and the audit are the same as for an id that names no one.
/// </summary>
public sealed class HiddenPersonTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task PartnerViewer_AskingForAnUnsharedPerson_GetsWhatANonExistentIdGets_FromTheSameQueries()
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (police, officer) = await api.SignedInClientAsync(Roles.PartnerViewer, AgencyKind.Police);
        var agreed = await admin.PutAsJsonAsync($"/api/sharing-agreements/{officer.AgencyId.Value}", new
        {
            sections = new[] { "IdentityAndContact", "Timeline" },
            mayContribute = false,
            startsOn = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(-1),
            version = 0,
        });
        Assert.True(agreed.IsSuccessStatusCode, await agreed.Content.ReadAsStringAsync());
        var added = await worker.PostAsJsonAsync("/api/people", new { givenName = "Unshared", familyName = "Person" + Guid.NewGuid().ToString("N")[..6], approximateAge = 30, confirmedNew = true });
        var existing = Guid.Parse((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        var nobody = Guid.NewGuid();
        await police.GetAsync($"/api/shared/people/{nobody}"); // the first call of a kind warms caches; measure the second

        var (unshared, unsharedQueries) = await CountQueriesAsync(() => police.GetAsync($"/api/shared/people/{existing}"));
        var (unknown, unknownQueries) = await CountQueriesAsync(() => police.GetAsync($"/api/shared/people/{nobody}"));

        Assert.Equal(HttpStatusCode.NotFound, unshared.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(WithoutTraceId(await unknown.Content.ReadAsStringAsync()), WithoutTraceId(await unshared.Content.ReadAsStringAsync()));
        Assert.True(unsharedQueries > 1, $"only {unsharedQueries} queries were seen: the counter is not counting");
        Assert.Equal(unsharedQueries, unknownQueries);
        Assert.Equal(1, await RefusalsAuditedAsync(existing));
        Assert.Equal(2, await RefusalsAuditedAsync(nobody));
    }

    private async Task<(HttpResponseMessage Response, int Queries)> CountQueriesAsync(Func<Task<HttpResponseMessage>> call)
    {
        using var counter = new QueryCounter(api.Database.Name);
        var response = await call();
        await response.Content.LoadIntoBufferAsync();
        return (response, counter.Count);
    }

    private async Task<long> RefusalsAuditedAsync(Guid person)
    {
        await using var connection = new Npgsql.NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM audit_records WHERE person_id = @person AND action = 'Refused'", connection);
        command.Parameters.AddWithValue("person", person);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string WithoutTraceId(string problem) => Regex.Replace(problem, "\"traceId\":\"[^\"]*\"", string.Empty);

    /// <summary>Counts the commands EF Core runs against one database (each test class has its own) while it lives.</summary>
    private sealed class QueryCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string database;
        private readonly List<IDisposable> subscriptions = [];
        private int count;

        public QueryCounter(string database)
        {
            this.database = database;
            subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions)
                {
                    subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed
                && executed.Command.Connection?.Database == database)
            {
                Interlocked.Increment(ref count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
