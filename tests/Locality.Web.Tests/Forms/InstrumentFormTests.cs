using System.Net;
using Locality.Application.Common.Security;

namespace Locality.Web.Tests.Forms;

public sealed class InstrumentFormTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task AnAdministrator_AddsAnInstrumentAsText_IsToldWhichLineIsWrong_AndDuplicateOrUnorderedAreasAreNamed()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var name = "Wellbeing " + Guid.NewGuid().ToString("N")[..6];

        var badLine = await admin.SubmitAsync("/admin/instruments/new", Fields(name, "Money\n0 Stuck\n1.5 Trying"));
        var stepFirst = await admin.SubmitAsync("/admin/instruments/new", Fields(name, "0 Stuck\nMoney"));
        var problems = await admin.SubmitAsync("/admin/instruments/new", Fields(name, "Money\n0 Stuck\n1 Trying\n\nMoney\n0 Stuck\n1 Trying\n\nHome\n2 Settled\n1 Unsettled"));
        var added = await admin.SubmitAsync("/admin/instruments/new", Fields(name, "Money\n0 Stuck: not ready yet\n1 Trying: sorting things out\n2 Managing\n\nHome [home]\n0 Unsettled\n1 Settled"));

        Assert.Equal(HttpStatusCode.BadRequest, badLine.Status);
        Assert.Contains("Line 3", badLine.FieldError("DomainsText"));
        Assert.Equal(["Line 1: write the name of an area before its steps"], stepFirst.ErrorSummary);
        Assert.Contains(problems.ErrorSummary, m => m.Contains("another domain already has the key money"));
        Assert.Contains(problems.ErrorSummary, m => m.Contains("Home: steps must be in order"));
        Assert.Equal(["#DomainsText"], problems.ErrorSummaryLinks.Distinct());
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var shown = await admin.GetAsync(added.Response.Headers.Location!.ToString());
        Assert.Equal(name, shown.Heading);
        Assert.Contains("Totals run from 0 to 3", shown.Document.QuerySelector("#instrument-facts")!.TextContent);
        Assert.Contains("not ready yet", shown.Document.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task ChangingTheBuiltInChaosIndex_KeepsItsAreaKeys_AndAKeyWorkerCannotReachTheInstrumentsPages()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var list = await admin.GetAsync("/admin/instruments");
        var link = list.Document.QuerySelectorAll("#instruments a").Single(a => a.TextContent.StartsWith("Chaos Index", StringComparison.Ordinal)).GetAttribute("href")!;

        var edit = await admin.GetAsync($"{link}/edit");

        var text = edit.Document.QuerySelector("textarea#DomainsText")!.TextContent;
        Assert.Contains("Housing [housing]", text);
        Assert.Contains("8 Immediate risk", text);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/admin/instruments")).Status);
    }

    private static Dictionary<string, string> Fields(string name, string domains) => new()
    {
        ["Name"] = name,
        ["Direction"] = "HigherIsBetter",
        ["RerateEveryWeeks"] = "8",
        ["DomainsText"] = domains,
    };
}
