using System.Net;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;

namespace Locality.Web.Tests.Forms;

public sealed class AdministrationTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task AddLocality_WithNoName_RedisplaysTheFormWithTheErrorSummaryAndFieldMessage()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);

        var page = await admin.SubmitAsync("/admin/localities/new", new() { ["Name"] = "   " });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(["Enter a name"], page.ErrorSummary);
        Assert.Equal(["#Name"], page.ErrorSummaryLinks);
        Assert.Equal("Enter a name", page.FieldError("Name"));
        Assert.NotNull(page.Document.QuerySelector(".govuk-form-group--error #Name.govuk-input--error"));
        Assert.StartsWith("Error: ", page.Title);
    }

    [Fact]
    public async Task AddLocality_ThenChangeIt_ShowsEachChangeInTheList()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var name = $"Abram {Guid.NewGuid():N}"[..20];

        var added = await admin.SubmitAsync("/admin/localities/new", new() { ["Name"] = name });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var list = await admin.GetAsync("/admin/localities");
        Assert.Contains($"{name} added", list.Document.QuerySelector(".govuk-notification-banner")!.TextContent);
        var editLink = list.Document.QuerySelectorAll("td a").Single(a => a.TextContent.Contains(name)).GetAttribute("href")!;

        var changed = await admin.SubmitAsync(editLink, new() { ["Name"] = name + " village" });

        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Contains(name + " village", (await admin.GetAsync("/admin/localities")).Document.QuerySelector("table")!.TextContent);
    }

    [Fact]
    public async Task ChangeLocality_FromAPageSomeoneElseHasSinceSaved_SaysSoAndKeepsTheirChange()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var name = $"Haigh {Guid.NewGuid():N}"[..20];
        await admin.SubmitAsync("/admin/localities/new", new() { ["Name"] = name });
        var editLink = (await admin.GetAsync("/admin/localities")).Document.QuerySelectorAll("td a").Single(a => a.TextContent.Contains(name)).GetAttribute("href")!;
        var stalePage = await admin.GetAsync(editLink);
        var staleVersion = stalePage.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=Version]")!.Value;
        await admin.SubmitAsync(editLink, new() { ["Name"] = name + " first" });

        var second = await admin.SubmitAsync(editLink, new() { ["Name"] = name + " second", ["Version"] = staleVersion });

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Contains("Someone else changed this", second.ErrorSummary.Single());
        Assert.Contains(name + " first", (await admin.GetAsync("/admin/localities")).Document.QuerySelector("table")!.TextContent);
    }

    [Fact]
    public async Task AddTeam_WithNothingChosen_ListsEveryProblemInPageOrder_AndKeepsTheChoices()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);

        var page = await admin.SubmitAsync("/admin/teams/new", new() { ["Name"] = "", ["AgencyId"] = "", ["LocalityId"] = "" });

        Assert.Equal(["Enter a name", "Select the agency the team belongs to", "Select the locality the team works in"], page.ErrorSummary);
        Assert.Equal(["#Name", "#AgencyId", "#LocalityId"], page.ErrorSummaryLinks);
        Assert.True(page.Document.QuerySelectorAll("#AgencyId option").Length > 1, "the agency list is filled in again");
    }

    [Fact]
    public async Task AddTeam_WithAValueThatIsNotAnId_IsAFieldErrorNotACrash()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);

        var page = await admin.SubmitAsync("/admin/teams/new", new() { ["Name"] = "Odd", ["AgencyId"] = "not-a-guid", ["LocalityId"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Enter a valid value", page.FieldError("AgencyId"));
    }

    [Fact]
    public async Task AddSomeoneWhoSignsIn_ThenTheyCanSignIn_WithTheRolesChosen()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var teamId = (await web.CreateAccountAsync(Roles.KeyWorker)).TeamId.Value.ToString();
        var email = $"new.worker.{Guid.NewGuid():N}@test.locality";

        var added = await admin.SubmitAsync(
            "/admin/users/new",
            new() { ["DisplayName"] = "Niamh Walsh", ["Email"] = email, ["TeamId"] = teamId, ["Password"] = "a long first password" },
            null,
            ("Roles", Roles.KeyWorker),
            ("Roles", Roles.TeamLead));
        Assert.Equal(HttpStatusCode.Redirect, added.Status);

        using var newcomer = web.NewClient();
        var signedIn = await newcomer.SubmitAsync("/sign-in", new() { ["Email"] = email, ["Password"] = "a long first password" });
        // A new account has no second factor yet, so its first sign-in sets one up before any session starts.
        Assert.Equal("/sign-in/set-up", signedIn.Response.Headers.Location!.ToString());
        Assert.Equal("/sign-in?ReturnUrl=%2F", (await newcomer.GetAsync("/")).Response.Headers.Location?.ToString());
        var setUp = await newcomer.GetAsync("/sign-in/set-up");
        var key = setUp.Document.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", string.Empty).ToUpperInvariant();
        Assert.NotNull(setUp.Document.QuerySelector(".locality-qr svg"));
        var codes = await newcomer.SubmitAsync(setUp, "/sign-in/set-up", new() { ["Code"] = Locality.Infrastructure.Identity.SecondFactors.CodeNow(key, web.Clock.GetUtcNow()) }, "form[action='/sign-in/set-up']");
        Assert.Equal(HttpStatusCode.OK, codes.Status);
        Assert.Equal(10, codes.Document.QuerySelectorAll("#recovery-codes li").Length);
        var home = await newcomer.GetAsync("/");
        Assert.Equal("/team", home.Response.Headers.Location?.ToString());
        var team = await newcomer.GetAsync("/team");
        Assert.Contains("Key worker, Team lead", team.Document.QuerySelector(".locality-account")!.TextContent);
        Assert.Contains(team.Document.QuerySelectorAll(".govuk-service-navigation__link"), link => link.TextContent.Trim() == "My day");
    }

    [Fact]
    public async Task AddSomeoneWhoSignsIn_WithAShortPassword_KeepsWhatWasTypedExceptThePassword()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var teamId = (await web.CreateAccountAsync(Roles.KeyWorker)).TeamId.Value.ToString();

        var page = await admin.SubmitAsync(
            "/admin/users/new",
            new() { ["DisplayName"] = "Tom <b>Bold</b>", ["Email"] = $"tom.{Guid.NewGuid():N}@test.locality", ["TeamId"] = teamId, ["Password"] = "short" },
            null,
            ("Roles", Roles.KeyWorker));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("at least 12 characters", page.FieldError("Password"));
        Assert.Equal("Tom <b>Bold</b>", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#DisplayName")!.Value);
        Assert.Null(page.Document.QuerySelector("main b"));
        Assert.Equal(string.Empty, page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Password")!.Value);
        Assert.True(page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name=Roles][value={Roles.KeyWorker}]")!.IsChecked);
        Assert.Equal(teamId, page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#TeamId")!.Value);
    }

    [Fact]
    public async Task MakeAnApiKey_ShowsTheKeyOnce_AndRevokingItIsRecorded()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var agencyId = (await web.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Police)).AgencyId.Value;

        var created = await admin.SubmitAsync($"/admin/agencies/{agencyId}/api-keys/new", new() { ["Name"] = "Incident feed" });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        var key = created.Document.QuerySelector("#api-key")!.TextContent;
        Assert.StartsWith("lk_", key);
        var details = await admin.GetAsync($"/admin/agencies/{agencyId}");
        Assert.DoesNotContain(key, details.Document.Body!.InnerHtml);

        var revoked = await admin.SubmitAsync($"/admin/agencies/{agencyId}", new(), "main table form");

        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        Assert.Contains("Revoked", (await admin.GetAsync($"/admin/agencies/{agencyId}")).Document.QuerySelector("table")!.TextContent);
    }

    [Theory]
    [InlineData(Roles.KeyWorker)]
    [InlineData(Roles.TeamLead)]
    [InlineData(Roles.PartnerViewer)]
    public async Task AdministrationPages_AreForbiddenToOtherRoles(string role)
    {
        using var client = await web.SignedInClientAsync(role);

        foreach (var url in new[] { "/admin", "/admin/localities", "/admin/users/new", "/jobs" })
        {
            var page = await client.GetAsync(url);
            Assert.True(page.Status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"{url} gave {page.Status}");
        }

        Assert.DoesNotContain("Administration", (await client.GetAsync("/")).Document.QuerySelector("nav")?.TextContent ?? string.Empty);
    }

    [Fact]
    public async Task JobsDashboard_IsOpenToAdministrators()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);

        var page = await admin.GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Locality background jobs", page.Title);
    }

    [Fact]
    public async Task AnUnknownPage_GivesThe404Page()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);

        var page = await admin.GetAsync($"/admin/teams/{Guid.NewGuid()}/edit");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.Heading);
    }
}
