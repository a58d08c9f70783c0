using System.Net;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;

namespace Locality.Web.Tests.Forms;

public sealed class DemandFormTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task RecordingDemand_NamesEachBadField_ThenRecordsIt_AndTheTeamLeadReclassifiesItWithAReason()
    {
        var (lead, leadAccount) = await web.SignedInAccountAsync(Roles.TeamLead);
        var (worker, _) = await web.SignedInAccountAsync(Roles.KeyWorker, inTeam: leadAccount.TeamId);
        var police = await web.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Police);
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Dee",
            ["FamilyName"] = "Demand" + Guid.NewGuid().ToString("N")[..6],
            ["DateOfBirth.Day"] = "1",
            ["DateOfBirth.Month"] = "1",
            ["DateOfBirth.Year"] = "1990",
            ["ConfirmedNew"] = "true",
        });
        var person = added.Response.Headers.Location!.ToString();
        var yesterday = DateOnly.FromDateTime(web.Clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var fields = new Dictionary<string, string>
        {
            ["TypeCode"] = "police-call-out",
            ["AgencyId"] = police.AgencyId.Value.ToString(),
            ["OccurredOn.Day"] = yesterday.Day.ToString(),
            ["OccurredOn.Month"] = yesterday.Month.ToString(),
            ["OccurredOn.Year"] = yesterday.Year.ToString(),
            ["Uprn"] = "12AB",
            ["Postcode"] = "NOWHERE",
            ["Classification"] = "Failure",
        };

        var refused = await worker.SubmitAsync($"{person}/demand/new", fields);
        fields["Uprn"] = "100012345678";
        fields["Postcode"] = "wn1 1xx";
        fields["FailureTypeCode"] = "REPEAT_CALLOUT";
        var saved = await worker.SubmitAsync($"{person}/demand/new", fields);
        var list = await lead.GetAsync($"{person}/demand");
        var reclassifyLink = list.Document.QuerySelector("#demand a[href$='/reclassify']")!.GetAttribute("href")!;
        var noReason = await lead.SubmitAsync(reclassifyLink, new() { ["Classification"] = "Value", ["Reason"] = "" });
        var reclassified = await lead.SubmitAsync(reclassifyLink, new() { ["Classification"] = "Value", ["Reason"] = "The first call about this: the police doing their job" });
        var after = await lead.GetAsync($"{person}/demand");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("A UPRN is up to 12 digits, with no letters", refused.ErrorSummary);
        Assert.Contains("Enter a real postcode, like WN1 1XX", refused.ErrorSummary);
        Assert.Contains("Say what kind of failure demand it was", refused.ErrorSummary);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains("Police call-out", list.Document.QuerySelector("#demand")!.TextContent);
        Assert.Equal(["Enter why it is being reclassified"], noReason.ErrorSummary);
        Assert.Equal(HttpStatusCode.Redirect, reclassified.Status);
        var row = after.Document.QuerySelector("#demand tbody tr")!.TextContent;
        Assert.Contains("Value", row);
        Assert.Contains("Was failure (repeat call-out)", row);
        Assert.Contains("the police doing their job", row);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync(reclassifyLink)).Status);
    }

    [Fact]
    public async Task ThreeCallOutsAboutOnePerson_AppearOnTheTeamLeadsRepeatDemandPage_WithTheEventsBehindThem()
    {
        var (lead, leadAccount) = await web.SignedInAccountAsync(Roles.TeamLead);
        var (worker, _) = await web.SignedInAccountAsync(Roles.KeyWorker, inTeam: leadAccount.TeamId);
        var police = await web.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Police);
        var family = "Repeat" + Guid.NewGuid().ToString("N")[..6];
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Ray",
            ["FamilyName"] = family,
            ["DateOfBirth.Day"] = "1",
            ["DateOfBirth.Month"] = "1",
            ["DateOfBirth.Year"] = "1985",
            ["ConfirmedNew"] = "true",
        });
        var person = added.Response.Headers.Location!.ToString();
        var before = await lead.GetAsync("/team/repeat-demand");
        foreach (var days in new[] { 2, 30, 90 })
        {
            var on = DateOnly.FromDateTime(web.Clock.GetUtcNow().UtcDateTime).AddDays(-days);
            var saved = await worker.SubmitAsync($"{person}/demand/new", new()
            {
                ["TypeCode"] = "police-call-out",
                ["AgencyId"] = police.AgencyId.Value.ToString(),
                ["OccurredOn.Day"] = on.Day.ToString(),
                ["OccurredOn.Month"] = on.Month.ToString(),
                ["OccurredOn.Year"] = on.Year.ToString(),
                ["Classification"] = "Failure",
                ["FailureTypeCode"] = "REPEAT_CALLOUT",
            });
            Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        }

        var page = await lead.GetAsync("/team/repeat-demand");

        Assert.DoesNotContain(family, before.Document.QuerySelector("main")!.TextContent);
        var heading = page.Document.QuerySelectorAll("main h2").Single(h => h.TextContent.Contains(family));
        Assert.Contains("Call-outs about one person", heading.TextContent);
        Assert.Contains("(3,", heading.TextContent);
        Assert.Equal(3, heading.ParentElement!.QuerySelectorAll("li").Length);
    }
}
