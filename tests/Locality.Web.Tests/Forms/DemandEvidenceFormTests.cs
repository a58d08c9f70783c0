using System.Net;
using System.Text;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Testing;

namespace Locality.Web.Tests.Forms;

public sealed class DemandEvidenceFormTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task AnUpload_ThatCannotBeRead_IsNamedInTheErrorSummary_AndTheExampleFileGivesItsReport()
    {
        var (lead, _) = await web.SignedInAccountAsync(Roles.TeamLead);
        var police = await web.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Police);
        var agency = new Dictionary<string, string> { ["AgencyId"] = police.AgencyId.Value.ToString() };

        var empty = await lead.UploadAsync("/demand/imports", agency, "File", "empty.csv", []);
        var semicolons = await lead.UploadAsync("/demand/imports", new(), "File", "x.csv", Encoding.UTF8.GetBytes("source_reference;type;occurred_at;classification\nA;police-call-out;2026-01-01;value\n"));
        var uploaded = await lead.UploadAsync("/demand/imports", agency, "File", "police-call-outs.csv", RepositoryFiles.ExamplePoliceFile());

        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal(["The file is empty. Choose a CSV file with a header line and at least one row"], empty.ErrorSummary);
        Assert.Equal(HttpStatusCode.BadRequest, semicolons.Status);
        Assert.Equal(
            ["Select the agency the demand fell on",
             "The columns are separated by semicolons (;). Locality reads CSV with commas (,) between values: save the file as \"CSV (comma delimited)\" and upload it again"],
            semicolons.ErrorSummary);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.Status);
        var report = uploaded.Response.Headers.Location!.ToString();
        var waiting = await lead.GetAsync(report);
        Assert.Equal("Waiting to start", waiting.Document.QuerySelector("#progress")!.TextContent.Trim());
        Assert.Equal("3", waiting.Response.Headers.GetValues("Refresh").Single());

        await web.RunDemandImportsAsync();
        var done = await lead.GetAsync(report);

        Assert.Equal("Finished: 17 of 17 rows done", done.Document.QuerySelector("#progress")!.TextContent.Trim());
        Assert.Equal(("8", "1", "8"), (Text(done, "#imported"), Text(done, "#already-seen"), Text(done, "#rejected")));
        var rows = done.Document.QuerySelectorAll("#problems tbody tr").Select(r => r.TextContent.Trim()).ToList();
        Assert.Equal(8, rows.Count);
        Assert.StartsWith("7", rows[0]);
        Assert.Contains("type 'burglary' is not a demand type Locality knows", rows[0]);
        Assert.False(done.Response.Headers.Contains("Refresh"));
        Assert.Contains("police-call-outs.csv", (await lead.GetAsync("/demand/imports")).Document.QuerySelector("main table")!.TextContent);
    }

    [Fact]
    public async Task ServiceCostsAndAdministratorsCosts_NameEachBadField_ThenSave_AndTheDemandPageExportsItsFigures()
    {
        var (lead, _) = await web.SignedInAccountAsync(Roles.TeamLead);
        var (admin, _) = await web.SignedInAccountAsync(Roles.Admin);

        var badCost = await lead.SubmitAsync("/team/service-costs", new()
        {
            ["From.Day"] = "1",
            ["From.Month"] = "4",
            ["From.Year"] = "2026",
            ["To.Day"] = "31",
            ["To.Month"] = "3",
            ["To.Year"] = "2026",
            ["Amount"] = "",
            ["PriceYear"] = "2026",
        });
        var cost = await lead.SubmitAsync("/team/service-costs", new()
        {
            ["From.Day"] = "1",
            ["From.Month"] = "4",
            ["From.Year"] = "2026",
            ["To.Day"] = "31",
            ["To.Month"] = "3",
            ["To.Year"] = "2027",
            ["Amount"] = "150000",
            ["PriceYear"] = "2026/27",
            ["Note"] = "The year's budget",
        });
        var badIndex = await admin.SubmitAsync("/admin/costs/indices/new", new() { ["Year"] = "2026", ["Value"] = "0", ["Source"] = "" });
        var index = await admin.SubmitAsync("/admin/costs/indices/new", new() { ["Year"] = "2026/27", ["Value"] = "104.5", ["Source"] = "Test series" });
        var valuation = await admin.SubmitAsync("/admin/costs/types/complaint", new() { ["UnitCostCode"] = "NOPE" });

        Assert.Equal(
            ["The last day must be on or after the first", "Enter what the service cost", "Enter the price year like 2025/26"],
            badCost.ErrorSummary);
        Assert.Equal(HttpStatusCode.Redirect, cost.Status);
        Assert.Contains("The year's budget", (await lead.GetAsync("/team/service-costs")).Document.QuerySelector("#service-costs")!.TextContent);
        Assert.Equal(["Enter the financial year like 2024/25", "The index must be more than 0", "Enter where the figure comes from"], badIndex.ErrorSummary);
        Assert.Equal(HttpStatusCode.Redirect, index.Status);
        Assert.Contains("Test series", (await admin.GetAsync("/admin/costs")).Document.QuerySelector("#indices")!.TextContent);
        Assert.Equal(["Enter the code of a unit cost in the table, such as HE4.0"], valuation.ErrorSummary);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/admin/costs")).Status);

        var page = await lead.GetAsync("/team/demand?from=2026-01&to=2026-06&months=6");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(6, page.Document.QuerySelectorAll("#by-month tbody tr").Length);
        Assert.NotNull(page.Document.QuerySelector("svg[role=img] title"));
        var export = await lead.Http.GetAsync("/team/demand/export?from=2026-01&to=2026-06&months=6");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,period_or_address,measure,value,price_base", lines[0].TrimStart('\uFEFF'));
        Assert.Contains("by month,2026-03,failure demand events,0,", lines);
    }

    private static string Text(Page page, string selector) => page.Document.QuerySelector(selector)!.TextContent.Trim();
}
