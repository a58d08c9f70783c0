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
        var someone = HostilePerson.Named("Ottoline", "Brackenbury");
        var (given, family) = (someone.Given, someone.Family);
        var person = someone.WebForm();
        var linesBefore = web.Logs.Lines.Count;

        Assert.Equal(HttpStatusCode.BadRequest, (await worker.SubmitAsync("/people/new", person)).Status);
        person["NhsNumber"] = HostilePerson.NhsNumber;
        var added = await worker.SubmitAsync("/people/new", person);
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync(added.Response.Headers.Location!.ToString())).Status);
        var found = await worker.GetAsync($"/people?Name={given}+{family}&NhsNumber={HostilePerson.NhsDigits}");
        Assert.Contains(family, found.Document.QuerySelector("main")!.TextContent);

        var lines = web.Logs.Lines.Skip(linesBefore).ToList();
        Assert.Contains(lines, line => line.Contains("/people", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Executed DbCommand", StringComparison.Ordinal));
        someone.AssertNoneIn(lines, "the logs");
    }
}
