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
    [Fact]
    public async Task RequestsCarryingAPersonsNameAndNhsNumber_LeaveNeitherInTheLogs_EvenWithEveryLevelOn()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var someone = HostilePerson.Named("Philippa", "Quennell");
        var (given, family) = (someone.Given, someone.Family);
        var person = someone.ApiBody();
        var linesBefore = api.Logs.Lines.Count;

        var created = await worker.PostAsJsonAsync("/api/people", person);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var found = await worker.GetFromJsonAsync<JsonElement>($"/api/people?name={given}%20{family}&nhsNumber={HostilePerson.NhsDigits}");
        Assert.Contains(found.EnumerateArray(), p => p.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/people/{id}")).StatusCode);

        // A refused request and a failed one log too; neither may carry what was sent.
        person["nhsNumber"] = HostilePerson.RefusedNhsNumber;
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostAsJsonAsync("/api/people", person)).StatusCode);
        var (partner, _) = await api.SignedInClientAsync(Roles.PartnerViewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/people?name={given}&nhsNumber={HostilePerson.NhsDigits}")).StatusCode);

        var lines = api.Logs.Lines.Skip(linesBefore).ToList();
        Assert.Contains(lines, line => line.Contains("/api/people", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Executed DbCommand", StringComparison.Ordinal));
        someone.AssertNoneIn(lines, "the logs");
    }
}
