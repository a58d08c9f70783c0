using System.Net;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Locality.Web.Tests.Forms;

/// <summary>
/// The administration pages for sign-in: an agency's own identity provider, accounts waiting for approval,
/// break-glass administrators and ending someone's sessions. The host has one provider's secret set and a public
/// address configured, and does not allow providers on plain http (as in production).
/// </summary>
public sealed class SignInAdministrationTests(SignInAdministrationTests.ConfiguredWeb web) : IClassFixture<SignInAdministrationTests.ConfiguredWeb>
{
    private const string SecretName = "WiganCouncil";

    public sealed class ConfiguredWeb : WebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting($"IdentityProviders:Secrets:{SecretName}", "kept-out-of-the-database");
            builder.UseSetting("IdentityProviders:PublicAddress", "https://locality.example.gov.uk/");
            builder.UseSetting("IdentityProviders:AllowHttp", "false");
        }
    }

    [Fact]
    public async Task AddAProvider_ItsPageShowsTheAddressesToRegister_AndThatTheSecretIsSet_ButNeverTheSecret()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var agency = await web.CreateAccountAsync(Roles.KeyWorker);
        var key = Key();
        var name = "Wigan sign-in " + key[^6..];

        var added = await admin.SubmitAsync(NewPath(agency), Fields(agency, key, name, Domain()));

        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var page = await admin.GetAsync(added.Response.Headers.Location!.ToString());
        Assert.Equal(name, page.Heading);
        Assert.Equal($"https://locality.example.gov.uk/sign-in/oidc/{key}/callback", page.Document.QuerySelector("#callback")!.TextContent);
        Assert.Equal($"https://locality.example.gov.uk/sign-in/oidc/{key}/front-channel-logout", page.Document.QuerySelector("#front-channel-logout")!.TextContent);
        Assert.Equal($"https://locality.example.gov.uk/sign-in/oidc/{key}/back-channel-logout", page.Document.QuerySelector("#back-channel-logout")!.TextContent);
        Assert.Contains("Set", page.Document.QuerySelector("#secret")!.TextContent);
        Assert.DoesNotContain("kept-out-of-the-database", page.Document.Body!.InnerHtml);
        Assert.Contains("Team lead", page.Document.QuerySelector("#settings")!.TextContent);
        Assert.Contains(name, (await admin.GetAsync($"/admin/agencies/{agency.AgencyId}")).Document.QuerySelector("#providers")!.TextContent);
        Assert.Contains(name, (await admin.GetAsync("/admin/identity-providers")).Document.QuerySelector("table")!.TextContent);
    }

    [Fact]
    public async Task AProviderWhoseSecretIsNotSet_SaysSo()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var agency = await web.CreateAccountAsync(Roles.KeyWorker);

        var added = await admin.SubmitAsync(NewPath(agency), Fields(agency, Key(), "Police sign-in", Domain(), secretName: "NotConfigured"));
        var page = await admin.GetAsync(added.Response.Headers.Location!.ToString());

        Assert.Contains("Not set", page.Document.QuerySelector("#secret")!.TextContent);
        Assert.Contains("no one can sign in through this provider", page.Document.QuerySelector(".govuk-warning-text")!.TextContent);
    }

    [Fact]
    public async Task AddAProvider_WithEveryFieldWrong_ShowsEachProblemBesideItsField_AndSavesNothing()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var agency = await web.CreateAccountAsync(Roles.KeyWorker);
        var elsewhere = await web.CreateAccountAsync(Roles.KeyWorker);
        var name = "Broken " + Guid.NewGuid().ToString("N")[..8];
        var fields = Fields(agency, "Bad Key", name, "not a domain", authority: "http://login.example.gov.uk/tenant", secretName: "has spaces");
        fields["DefaultTeamId"] = elsewhere.TeamId.Value.ToString();
        fields["Groups[0].Role"] = "Superuser";
        fields["Groups[1].Group"] = "outsiders";
        fields["Groups[1].Role"] = Roles.KeyWorker;
        fields["Groups[1].TeamId"] = elsewhere.TeamId.Value.ToString();

        var page = await admin.SubmitAsync(NewPath(agency), fields);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Use only lower-case letters and digits, with single hyphens between them, like wigan-council", page.FieldError("Key"));
        Assert.Equal("The provider's address must start with https://", page.FieldError("Authority"));
        Assert.StartsWith("Use only letters, digits, underscores and hyphens", page.FieldError("SecretName"));
        Assert.StartsWith("not a domain is not an email domain", page.FieldError("EmailDomainsText"));
        Assert.StartsWith("Select a role from the list", page.FieldError("Groups_0_Role"));
        Assert.Equal("Select one of this agency's teams", page.FieldError("Groups_1_TeamId"));
        Assert.Equal("Select one of this agency's teams", page.FieldError("DefaultTeamId"));
        Assert.Equal(7, page.ErrorSummary.Count);
        Assert.Equal("#Key", page.ErrorSummaryLinks[0]);
        Assert.Contains("#Groups_0_Role", page.ErrorSummaryLinks);
        Assert.Equal("outsiders", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Groups_1_Group")!.Value);
        Assert.DoesNotContain(name, (await admin.GetAsync("/admin/identity-providers")).Document.Body!.TextContent);
    }

    [Fact]
    public async Task AddAProvider_WithBlankRowsBetweenGroups_PutsEachErrorOnItsOwnRow()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var agency = await web.CreateAccountAsync(Roles.KeyWorker);
        var fields = Fields(agency, Key(), "Rows", Domain());
        fields["Groups[0].Group"] = "";
        fields["Groups[0].Role"] = "";
        fields["Groups[0].TeamId"] = "";
        fields["Groups[1].Group"] = "";
        fields["Groups[2].Group"] = "managers";
        fields["Groups[2].Role"] = "Chief";

        var page = await admin.SubmitAsync(NewPath(agency), fields);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("managers", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Groups_0_Group")!.Value);
        Assert.StartsWith("Select a role from the list", page.FieldError("Groups_0_Role"));
        Assert.True(page.Document.QuerySelectorAll("input[name$='.Group']").Length >= 1 + 5, "blank rows are offered again");
    }

    [Fact]
    public async Task AddAProvider_WithADomainAnotherProviderServes_NamesThatProvider()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var first = await web.CreateAccountAsync(Roles.KeyWorker);
        var second = await web.CreateAccountAsync(Roles.KeyWorker);
        var domain = Domain();
        var firstName = "First " + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(NewPath(first), Fields(first, Key(), firstName, domain))).Status);

        var page = await admin.SubmitAsync(NewPath(second), Fields(second, Key(), "Second", $"{Domain()}\n{domain.ToUpperInvariant()}"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal($"{domain} already signs in through {firstName}: a domain can sign in through one provider only", page.FieldError("EmailDomainsText"));
    }

    [Fact]
    public async Task AddAProvider_WithNullCharactersOrOverLongValuesOrTooManyDomains_IsAFieldError()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var agency = await web.CreateAccountAsync(Roles.KeyWorker);
        var fields = Fields(agency, Key(), "Wig\0an", string.Join('\n', Enumerable.Range(0, 21).Select(_ => Domain())));
        fields["ClientId"] = new string('c', IdentityProvider.ClientIdMaxLength + 1);

        var nul = await admin.SubmitAsync(NewPath(agency), fields);
        fields["Name"] = new string('n', IdentityProvider.NameMaxLength + 1);
        var longOnes = await admin.SubmitAsync(NewPath(agency), fields);

        Assert.Equal(HttpStatusCode.BadRequest, nul.Status);
        Assert.Contains("hidden character", nul.FieldError("Name"));
        Assert.Equal(HttpStatusCode.BadRequest, longOnes.Status);
        Assert.Equal($"Name must be {IdentityProvider.NameMaxLength} characters or fewer", longOnes.FieldError("Name"));
        Assert.Equal($"The client id the provider gave Locality must be {IdentityProvider.ClientIdMaxLength} characters or fewer", longOnes.FieldError("ClientId"));
        Assert.Equal($"Enter at most {IdentityProvider.MaxDomains} email domains", longOnes.FieldError("EmailDomainsText"));
    }

    [Fact]
    public async Task ChangeAProvider_KeepsItsShortName_AndFromAStalePage_SaysSomeoneElseChangedIt()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var agency = await web.CreateAccountAsync(Roles.KeyWorker);
        var key = Key();
        var domain = Domain();
        var added = await admin.SubmitAsync(NewPath(agency), Fields(agency, key, "Before", domain));
        var providerPath = added.Response.Headers.Location!.ToString();
        var editPath = providerPath + "/edit";
        var stale = await admin.GetAsync(editPath);
        Assert.Equal(domain, stale.Document.QuerySelector("#EmailDomainsText")!.TextContent.Trim());

        var fields = Fields(agency, "another-key", "After", domain);
        var changed = await admin.SubmitAsync(editPath, fields);
        fields["Name"] = "Too late";
        var second = await admin.SubmitAsync(stale, editPath, fields);

        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Contains("Someone else changed this", second.ErrorSummary.Single());
        var page = await admin.GetAsync(providerPath);
        Assert.Equal("After", page.Heading);
        Assert.Contains($"/sign-in/oidc/{key}/callback", page.Document.QuerySelector("#callback")!.TextContent);
    }

    [Fact]
    public async Task SwitchAProviderOffAndOn_AndFromAStalePage_SaysSomeoneElseChangedIt()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var agency = await web.CreateAccountAsync(Roles.KeyWorker);
        var added = await admin.SubmitAsync(NewPath(agency), Fields(agency, Key(), "Switchable", Domain()));
        var providerPath = added.Response.Headers.Location!.ToString();
        var stale = await admin.GetAsync(providerPath);

        var off = await admin.PressAsync(await admin.GetAsync(providerPath), "Switch it off");
        var afterOff = await admin.GetAsync(providerPath);
        var again = await admin.PressAsync(stale, "Switch it off");

        Assert.Equal(HttpStatusCode.Redirect, off.Status);
        Assert.Contains("is switched off", afterOff.Document.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.NotNull(afterOff.Document.QuerySelectorAll("main button").SingleOrDefault(b => b.TextContent.Trim() == "Switch it on"));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("Someone else changed this", again.ErrorSummary.Single());
        var on = await admin.PressAsync(afterOff, "Switch it on");
        Assert.Equal(HttpStatusCode.Redirect, on.Status);
        Assert.Contains("is switched on", (await admin.GetAsync(providerPath)).Document.QuerySelector(".govuk-notification-banner")!.TextContent);
    }

    [Fact]
    public async Task SomeoneWaitingForApproval_IsListed_CannotSignIn_NorBeLetInAnotherWay_UntilApproved()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var team = await web.CreateAccountAsync(Roles.KeyWorker);
        var waiting = await WaitingAccounts.CreateAsync(web.Services, team.TeamId, team.AgencyId);
        using var newcomer = web.NewClient();

        var list = await admin.GetAsync("/admin/users");
        var row = list.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(waiting.Email));
        Assert.Contains("Waiting for approval", row.TextContent);
        Assert.Equal($"/admin/users/{waiting.Id.Value}/approve", row.QuerySelector("a")!.GetAttribute("href"));
        var refusedSignIn = await newcomer.SubmitAsync("/sign-in", new() { ["Email"] = waiting.Email, ["Password"] = waiting.Password });
        Assert.NotEqual("/", refusedSignIn.Response.Headers.Location?.ToString());

        var edit = await admin.GetAsync($"/admin/users/{waiting.Id.Value}/edit");
        var token = edit.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var letIn = await admin.PostAsync($"/admin/users/{waiting.Id.Value}/active", new Dictionary<string, string> { ["active"] = "true", ["version"] = "0", ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.BadRequest, letIn.Status);
        Assert.Equal("This account is waiting for approval. Approve it (choosing their team and roles) instead", letIn.FieldError("Active"));
        Assert.Equal(["#Active"], letIn.ErrorSummaryLinks);

        var approved = await admin.SubmitAsync($"/admin/users/{waiting.Id.Value}/approve", new() { ["TeamId"] = team.TeamId.Value.ToString() }, null, ("Roles", Roles.KeyWorker));

        Assert.Equal(HttpStatusCode.Redirect, approved.Status);
        Assert.Contains("is approved", (await admin.GetAsync("/admin/users")).Document.QuerySelector(".govuk-notification-banner")!.TextContent);
        var signedIn = await newcomer.SubmitAsync("/sign-in", new() { ["Email"] = waiting.Email, ["Password"] = waiting.Password });
        // Approved, their password is taken; an account with no second factor sets one up before its first session.
        Assert.Equal("/sign-in/set-up", signedIn.Response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task ApproveSomeone_WithAnUnknownRole_IsAFieldError_AndRefusingKeepsThemOut()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var team = await web.CreateAccountAsync(Roles.KeyWorker);
        var waiting = await WaitingAccounts.CreateAsync(web.Services, team.TeamId, team.AgencyId);
        var approvePath = $"/admin/users/{waiting.Id.Value}/approve";

        var wrong = await admin.SubmitAsync(approvePath, new() { ["TeamId"] = "" }, null, ("Roles", "Superuser"));
        var refused = await admin.PressAsync(await admin.GetAsync(approvePath), "Refuse them");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("Select the team they belong to", wrong.FieldError("TeamId"));
        Assert.StartsWith("Select roles from the list", wrong.FieldError("Roles"));
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        var row = (await admin.GetAsync("/admin/users")).Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(waiting.Email));
        Assert.Contains("Stopped", row.TextContent);
        using var newcomer = web.NewClient();
        var signIn = await newcomer.SubmitAsync("/sign-in", new() { ["Email"] = waiting.Email, ["Password"] = waiting.Password });
        Assert.NotEqual("/", signIn.Response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task BreakGlass_CanBeGivenToAnAdministrator_ButNotToAKeyWorker()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var other = await web.CreateAccountAsync(Roles.Admin);
        var worker = await web.CreateAccountAsync(Roles.KeyWorker);

        var named = await admin.PressAsync(await admin.GetAsync($"/admin/users/{other.Id.Value}/edit"), "Make them a break-glass administrator");
        var otherPage = await admin.GetAsync($"/admin/users/{other.Id.Value}/edit");
        var workerPage = await admin.GetAsync($"/admin/users/{worker.Id.Value}/edit");
        var token = workerPage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await admin.PostAsync($"/admin/users/{worker.Id.Value}/break-glass", new Dictionary<string, string> { ["BreakGlass"] = "true", ["__RequestVerificationToken"] = token });

        Assert.Equal(HttpStatusCode.Redirect, named.Status);
        Assert.Contains("is a break-glass administrator", otherPage.Document.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.NotNull(otherPage.Document.QuerySelectorAll("main button").SingleOrDefault(b => b.TextContent.Trim() == "Stop them being a break-glass administrator"));
        Assert.Null(workerPage.Document.QuerySelectorAll("main button").SingleOrDefault(b => b.TextContent.Trim() == "Make them a break-glass administrator"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Only an administrator can be a break-glass administrator. Give them the Administrator role first", refused.FieldError("BreakGlass"));
        Assert.Equal(worker.DisplayName, refused.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#DisplayName")!.Value);
    }

    [Fact]
    public async Task SignThemOutEverywhere_EndsTheirSessionAtOnce()
    {
        using var admin = await web.SignedInClientAsync(Roles.Admin);
        var (worker, account) = await web.SignedInAccountAsync(Roles.KeyWorker);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/people")).Status);

        var ended = await admin.PressAsync(await admin.GetAsync($"/admin/users/{account.Id.Value}/edit"), "Sign them out everywhere");

        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.Contains("signed out everywhere", (await admin.GetAsync($"/admin/users/{account.Id.Value}/edit")).Document.QuerySelector(".govuk-notification-banner")!.TextContent);
        var after = await worker.GetAsync("/people");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Contains("/sign-in", after.Response.Headers.Location!.ToString());
    }

    private static string NewPath(StaffAccount agency) => $"/admin/agencies/{agency.AgencyId.Value}/identity-providers/new";

    private static string Key() => "council-" + Guid.NewGuid().ToString("N")[..10];

    private static string Domain() => $"c{Guid.NewGuid():N}"[..12] + ".gov.uk";

    private static Dictionary<string, string> Fields(
        StaffAccount agency, string key, string name, string domains, string authority = "https://login.example.gov.uk/tenant/v2.0", string secretName = SecretName) =>
        new()
        {
            ["Key"] = key,
            ["Name"] = name,
            ["Authority"] = authority,
            ["ClientId"] = "locality-client",
            ["SecretName"] = secretName,
            ["EmailDomainsText"] = domains,
            ["GroupsClaim"] = "groups",
            ["Groups[0].Group"] = "locality-leads",
            ["Groups[0].Role"] = Roles.TeamLead,
            ["Groups[0].TeamId"] = agency.TeamId.Value.ToString(),
            ["DefaultTeamId"] = agency.TeamId.Value.ToString(),
            ["CreatesAccounts"] = "true",
            ["WithoutSecondFactor"] = "AskLocality",
        };
}
