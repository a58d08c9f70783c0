using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Locality.Api.Tests;

/// <summary>The API host logging everything it can, at every level, into a sink the test reads.</summary>
public sealed class LoggedApiFactory : ApiFactory
{
    public CapturingLogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Logs.CaptureEverythingFrom(builder);
    }
}

public sealed class LoggingTests(LoggedApiFactory api) : IClassFixture<LoggedApiFactory>
{
    private const string NhsNumber = "9434765919";

    [Fact]
    public async Task RequestsCarryingAPersonsNameAndNhsNumber_LeaveNeitherInTheLogs_EvenWithEveryLevelOn()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var given = "Philippa" + Guid.NewGuid().ToString("N")[..6];
        var family = "Quennell" + Guid.NewGuid().ToString("N")[..6];
        var person = new Dictionary<string, object?>
        {
            ["givenName"] = given,
            ["familyName"] = family,
            ["dateOfBirth"] = "1969-03-14",
            ["nhsNumber"] = "943 476 5919",
            ["addressLine1"] = "12 Rope Walk",
            ["town"] = "Wigan",
            ["postcode"] = "WN1 2AB",
            ["safetyNotes"] = "Ring the bell twice",
            ["confirmedNew"] = true,
        };
        var linesBefore = api.Logs.Lines.Count;

        var created = await worker.PostAsJsonAsync("/api/people", person);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var found = await worker.GetFromJsonAsync<JsonElement>($"/api/people?name={given}%20{family}&nhsNumber={NhsNumber}");
        Assert.Contains(found.EnumerateArray(), p => p.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/people/{id}")).StatusCode);

        // A refused request and a failed one log too; neither may carry what was sent.
        person["nhsNumber"] = "943 476 5918";
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostAsJsonAsync("/api/people", person)).StatusCode);
        var (partner, _) = await api.SignedInClientAsync(Roles.PartnerViewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/people?name={given}&nhsNumber={NhsNumber}")).StatusCode);

        var lines = api.Logs.Lines.Skip(linesBefore).ToList();
        Assert.Contains(lines, line => line.Contains("/api/people", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Executed DbCommand", StringComparison.Ordinal));
        foreach (var secret in new[] { given, family, NhsNumber, "943 476 5919", "9434765918", "943 476 5918", "Rope Walk", "WN1 2AB", "Ring the bell" })
        {
            var leaks = lines.Where(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaks.Count == 0, $"'{secret}' reached the logs:{Environment.NewLine}{string.Join(Environment.NewLine, leaks.Take(5))}");
        }
    }
}
