using System.Net;
using Locality.Application.Common.Security;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Locality.Web.Tests.Forms;

/// <summary>The web host logging everything it can, at every level, into a sink the test reads.</summary>
public sealed class LoggedWebFactory : WebFactory
{
    public CapturingLogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Logs.CaptureEverythingFrom(builder);
    }
}

public sealed class LoggingTests(LoggedWebFactory web) : IClassFixture<LoggedWebFactory>
{
    [Fact]
    public async Task FormsAndSearchesCarryingAPersonsNameAndNhsNumber_LeaveNeitherInTheLogs_EvenWithEveryLevelOn()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var given = "Ottoline" + Guid.NewGuid().ToString("N")[..6];
        var family = "Brackenbury" + Guid.NewGuid().ToString("N")[..6];
        var person = new Dictionary<string, string>
        {
            ["GivenName"] = given,
            ["FamilyName"] = family,
            ["DateOfBirth.Day"] = "14",
            ["DateOfBirth.Month"] = "3",
            ["DateOfBirth.Year"] = "1969",
            ["NhsNumber"] = "943 476 5918",
            ["Postcode"] = "WN1 2AB",
            ["Phone"] = "07700 900461",
            ["SafetyNotes"] = "Ring the bell twice",
            ["ConfirmedNew"] = "true",
        };
        var linesBefore = web.Logs.Lines.Count;

        Assert.Equal(HttpStatusCode.BadRequest, (await worker.SubmitAsync("/people/new", person)).Status);
        person["NhsNumber"] = "943 476 5919";
        var added = await worker.SubmitAsync("/people/new", person);
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync(added.Response.Headers.Location!.ToString())).Status);
        var found = await worker.GetAsync($"/people?Name={given}+{family}&NhsNumber=9434765919");
        Assert.Contains(family, found.Document.QuerySelector("main")!.TextContent);

        var lines = web.Logs.Lines.Skip(linesBefore).ToList();
        Assert.Contains(lines, line => line.Contains("/people", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Executed DbCommand", StringComparison.Ordinal));
        foreach (var secret in new[] { given, family, "9434765919", "943 476 5919", "9434765918", "943 476 5918", "WN1 2AB", "900461", "Ring the bell" })
        {
            var leaks = lines.Where(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaks.Count == 0, $"'{secret}' reached the logs:{Environment.NewLine}{string.Join(Environment.NewLine, leaks.Take(5))}");
        }
    }
}
