using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Locality.Api.Tests;

/// <summary>
/// An import accepted (stored and answered 202) whose instance died before it was queued is not lost: the worker's
/// minute-by-minute sweep queues it again. Running an import twice, even at the same moment, stores it once.
/// </summary>
public sealed class StrandedImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AnAcceptedImportThatWasNeverQueued_IsQueuedAgainAfterTwoMinutes_AndImportedOnce()
    {
        var (police, agency) = await api.PartnerSystemAsync();
        var id = await AcceptAsync(police, agency, "STRANDED");

        // As if the instance died between the commit and the queueing: no job for the import anywhere.
        await ExecuteAsOwnerAsync("DELETE FROM hangfire.jobqueue");
        var sweep = api.Services.GetRequiredService<StrandedImportsJob>();

        Assert.Equal(0, await sweep.RunAsync(CancellationToken.None));
        api.Clock.Advance(StrandedImportsJob.WaitingLongerThan + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sweep.RunAsync(CancellationToken.None));
        Assert.Equal(1, await api.Database.ScalarAsync(
            "SELECT count(*) FROM hangfire.jobqueue q JOIN hangfire.job j ON j.id = q.jobid WHERE j.invocationdata::text LIKE '%DemandImportJob%' AND j.arguments::text LIKE '%' || $1 || '%'",
            id.ToString()));

        await api.Services.GetRequiredService<DemandImportJob>().RunAsync(id, CancellationToken.None);

        Assert.Equal("Finished", await StatusAsync(id));
        Assert.Equal(3, await api.Database.ScalarAsync("SELECT imported FROM demand_imports WHERE id = $1", id));
        Assert.Equal(0, await sweep.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TheSameImportRunTwiceAtOnce_IsStoredOnce_WithTheReportOfOneRun()
    {
        var (police, agency) = await api.PartnerSystemAsync();
        var id = await AcceptAsync(police, agency, "TWICE");
        var job = api.Services.GetRequiredService<DemandImportJob>();

        await Task.WhenAll(job.RunAsync(id, CancellationToken.None), job.RunAsync(id, CancellationToken.None));

        Assert.Equal("Finished", await StatusAsync(id));
        Assert.Equal(3, await api.Database.ScalarAsync("SELECT imported FROM demand_imports WHERE id = $1", id));
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT already_seen FROM demand_imports WHERE id = $1", id));
        Assert.Equal(3, await api.Database.ScalarAsync("SELECT count(*) FROM demand_events WHERE agency_id = $1", agency));
    }

    private async Task<Guid> AcceptAsync(HttpClient police, Guid agency, string prefix)
    {
        var occurred = api.Clock.GetUtcNow().AddDays(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var events = Enumerable.Range(1, 3).Select(i => new
        {
            sourceReference = $"{prefix}-{i}",
            type = "police-call-out",
            occurredAt = occurred,
            uprn = (100_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            classification = "value",
        });
        var accepted = await police.PostAsJsonAsync("/api/demand/imports", new { agencyId = agency, events });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<string> StatusAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM demand_imports WHERE id = $1", connection) { Parameters = { new NpgsqlParameter { Value = id } } };
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsOwnerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
