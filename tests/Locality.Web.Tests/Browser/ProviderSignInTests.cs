using System.Security.Cryptography;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Persistence;
using Locality.Testing;
using Locality.Testing.Oidc;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace Locality.Web.Tests.Browser;

/// <summary>The web host, knowing the client secrets of the two providers the tests run (by setting name, as a council would).</summary>
public sealed class ProviderWebFactory : WebFactory
{
    public const string CouncilSecret = "council-client-secret-for-tests";
    public const string PoliceSecret = "police-client-secret-for-tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The tests' own providers answer over plain http on this machine.
        builder.UseSetting("IdentityProviders:AllowHttp", "true");
        builder.UseSetting("IdentityProviders:Secrets:NorthshireCouncil", CouncilSecret);
        builder.UseSetting("IdentityProviders:Secrets:NorthshirePolice", PoliceSecret);
    }
}

/// <summary>
/// Two real OpenID Connect providers on real ports (OpenIddict's server), set up as a council's (staff at
/// test.locality, second factor by the provider when its amr says so, else Locality's own) and a police force's
/// (staff at police.test), and Locality's web host with both registered, as an administrator would.
/// </summary>
public sealed class ProviderSignInFixture() : BrowserFixture(new ProviderWebFactory())
{
    public const string CouncilDomain = "test.locality";
    public const string PoliceDomain = "police.test";
    public const string LeadsGroup = "locality-team-leads";
    public const string WorkersGroup = "locality-key-workers";
    public const string WizardsGroup = "locality-wizards";

    public TestIdentityProvider Council { get; private set; } = null!;
    public TestIdentityProvider Police { get; private set; } = null!;
    public TeamId CouncilTeam { get; private set; }
    public TeamId PoliceTeam { get; private set; }

    protected override async Task PrepareAsync()
    {
        Council = await TestIdentityProvider.StartAsync("Northshire Council");
        Police = await TestIdentityProvider.StartAsync("Northshire Police");
        foreach (var (provider, key, secret) in new[] { (Council, "northshire-council", ProviderWebFactory.CouncilSecret), (Police, "northshire-police", ProviderWebFactory.PoliceSecret) })
        {
            provider.AddClient(
                "locality-web", secret,
                [new Uri(Web.BaseAddress, $"/sign-in/oidc/{key}/callback")],
                [new Uri(Web.BaseAddress, $"/sign-in/oidc/{key}/signed-out")]);
        }

        CouncilTeam = (await Web.CreateAccountAsync(Roles.TeamLead)).TeamId;
        PoliceTeam = (await Web.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Police)).TeamId;
        await using var scope = Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        var councilAgency = (await db.Teams.SingleAsync(t => t.Id == CouncilTeam)).AgencyId;
        var policeAgency = (await db.Teams.SingleAsync(t => t.Id == PoliceTeam)).AgencyId;
        var council = new IdentityProvider(IdentityProviderId.New(), councilAgency, "northshire-council", new ProviderSettings(
            "Northshire Council", Council.Issuer.ToString(), "locality-web", "NorthshireCouncil", [CouncilDomain], "groups",
            CreatesAccounts: true, ProviderWithoutSecondFactor.AskLocality, CouncilTeam));
        council.MapGroups([new ProviderGroup(LeadsGroup, Roles.TeamLead, null), new ProviderGroup(WorkersGroup, Roles.KeyWorker, null), new ProviderGroup(WizardsGroup, "Wizard", null)]);
        var police = new IdentityProvider(IdentityProviderId.New(), policeAgency, "northshire-police", new ProviderSettings(
            "Northshire Police", Police.Issuer.ToString(), "locality-web", "NorthshirePolice", [PoliceDomain], "groups",
            CreatesAccounts: false, ProviderWithoutSecondFactor.Refuse, PoliceTeam));
        police.MapGroups([new ProviderGroup("locality-viewers", Roles.PartnerViewer, null)]);
        db.IdentityProviders.AddRange(council, police);
        await db.SaveChangesAsync();
    }

    /// <summary>A Locality account with the email given (in the council's or the police force's team), with an authenticator app.</summary>
    public async Task<StaffAccount> AccountAsync(string email, string role, TeamId team, bool breakGlass = false)
    {
        await using var scope = Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        var member = new StaffMember(UserId.New(), $"Worker {email[..email.IndexOf('@')]}", email, team);
        db.Add(member);
        var problems = await scope.ServiceProvider.GetRequiredService<IIdentityService>().CreateLoginAsync(member.Id, email, StaffAccounts.Password, [role], CancellationToken.None);
        Assert.Empty(problems);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(member.Id.Value.ToString()))!;
        user.IsBreakGlassAdmin = breakGlass;
        await users.UpdateAsync(user);
        var secret = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));
        await scope.ServiceProvider.GetRequiredService<SecondFactors>().UseKnownAuthenticatorAsync(user, secret);
        var agency = (await db.Teams.SingleAsync(t => t.Id == team)).AgencyId;
        return new StaffAccount(member.Id, email, StaffAccounts.Password, member.DisplayName, team, agency, role) { AuthenticatorSecret = secret };
    }

    public static string NewEmail(string domain) => $"p{Guid.NewGuid():N}"[..12] + "@" + domain;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Council.DisposeAsync();
        await Police.DisposeAsync();
    }
}

/// <summary>
/// Signing in through an agency's own provider, end to end in Chromium: the email first, the provider (a real
/// OpenID Connect server on its own port), the callback, groups as roles, the second factor, and signing out; and every
/// way a provider's answer can be wrong. (Tests in one class run one at a time, so a test that spoils the shared
/// provider's answers puts it right before the next.)
/// </summary>
public sealed class ProviderSignInTests(ProviderSignInFixture idp) : IClassFixture<ProviderSignInFixture>
{
    [Fact]
    public async Task ACouncilWorker_IsSentToTheirProvider_SignsInWithItsSecondFactor_GetsTheRoleTheirGroupGives_AndSignsOutThere()
    {
        var email = ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain);
        var account = await idp.AccountAsync(email, Roles.KeyWorker, idp.CouncilTeam);
        idp.Council.AddUser(new TestIdentityUser($"sub-{Guid.NewGuid():N}", email, Groups: [ProviderSignInFixture.LeadsGroup], Amr: ["pwd", "mfa"]));
        await using var journey = await idp.StartAsync();
        var asked = idp.Council.AuthorizeRequests.Count;

        await SignInThroughProviderAsync(journey, email);

        var request = idp.Council.AuthorizeRequests[asked];
        Assert.Equal(email, request.LoginHint);
        Assert.Equal("S256", request.CodeChallengeMethod);
        Assert.False(string.IsNullOrEmpty(request.CodeChallenge));
        Assert.Equal("/team", new Uri(journey.Page.Url).AbsolutePath);
        await Assertions.Expect(journey.Page.Locator(".locality-account")).ToContainTextAsync("Team lead");
        await journey.GotoAsync("/account/sign-in");
        await Assertions.Expect(journey.Page.Locator("#signed-in-with")).ToHaveTextAsync("Their agency's sign-in (Northshire Council)");

        var endSessions = idp.Council.EndSessionRequests;
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await journey.Page.WaitForURLAsync(url => new Uri(url).Query.Contains("signedOut", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Load });

        Assert.Equal(endSessions + 1, idp.Council.EndSessionRequests);
        Assert.Equal("/sign-in", new Uri(journey.Page.Url).AbsolutePath);
        await Assertions.Expect(journey.Page.Locator(".govuk-notification-banner")).ToContainTextAsync("You have signed out");
        _ = account;
    }

    [Fact]
    public async Task WhenTheProviderAskedNoSecondFactor_LocalityAsksForItsOwn()
    {
        var email = ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain);
        var account = await idp.AccountAsync(email, Roles.KeyWorker, idp.CouncilTeam);
        idp.Council.AddUser(new TestIdentityUser($"sub-{Guid.NewGuid():N}", email, Groups: [ProviderSignInFixture.WorkersGroup], Amr: ["pwd"]));
        await using var journey = await idp.StartAsync();

        await SignInThroughProviderAsync(journey, email);
        Assert.Equal("/sign-in/second-factor", new Uri(journey.Page.Url).AbsolutePath);
        await journey.FillAsync("Code", account.NextCode(idp.Web.Clock.GetUtcNow()));
        await journey.ClickAsync("Sign in", AriaRole.Button);
        await journey.GotoAsync("/account/sign-in");

        await Assertions.Expect(journey.Page.Locator("#signed-in-with")).ToHaveTextAsync("Their agency's sign-in and authenticator app (Northshire Council)");
    }

    [Fact]
    public async Task APoliceProviderThatRefusesWithoutASecondFactor_LetsNoOneInWithoutIt()
    {
        var email = ProviderSignInFixture.NewEmail(ProviderSignInFixture.PoliceDomain);
        await idp.AccountAsync(email, Roles.PartnerViewer, idp.PoliceTeam);
        idp.Police.AddUser(new TestIdentityUser($"sub-{Guid.NewGuid():N}", email, Groups: ["locality-viewers"], Amr: ["pwd"]));
        await using var journey = await idp.StartAsync();

        await SignInThroughProviderAsync(journey, email);

        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your agency's sign-in did not ask for a second factor");
        await AssertNotSignedInAsync(journey);
    }

    [Theory]
    [InlineData("audience")]
    [InlineData("issuer")]
    [InlineData("expired")]
    [InlineData("nonce")]
    [InlineData("other-key")]
    public async Task AnIdTokenThatCannotBeTrusted_SignsNoOneIn(string spoiled)
    {
        var email = ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain);
        await idp.AccountAsync(email, Roles.KeyWorker, idp.CouncilTeam);
        idp.Council.AddUser(new TestIdentityUser($"sub-{Guid.NewGuid():N}", email, Groups: [ProviderSignInFixture.WorkersGroup], Amr: ["mfa"]));
        await using var journey = await idp.StartAsync();
        try
        {
            idp.Council.Tamper.Reset();
            switch (spoiled)
            {
                case "audience": idp.Council.Tamper.Audience = true; break;
                case "issuer": idp.Council.Tamper.Issuer = true; break;
                case "expired": idp.Council.Tamper.Expired = true; break;
                case "nonce": idp.Council.Tamper.Nonce = true; break;
                default: idp.Council.Tamper.SignWithOtherKey = true; break;
            }

            await SignInThroughProviderAsync(journey, email);
        }
        finally
        {
            idp.Council.Tamper.Reset();
        }

        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("The sign-in did not work");
        await AssertNotSignedInAsync(journey);
    }

    [Fact]
    public async Task AnEmailTheProviderHasNotVerified_IsRefused()
    {
        var email = ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain);
        await idp.AccountAsync(email, Roles.KeyWorker, idp.CouncilTeam);
        idp.Council.AddUser(new TestIdentityUser($"sub-{Guid.NewGuid():N}", email, EmailVerified: false, Groups: [ProviderSignInFixture.WorkersGroup], Amr: ["mfa"]));
        await using var journey = await idp.StartAsync();

        await SignInThroughProviderAsync(journey, email);

        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your email address is not confirmed");
        await AssertNotSignedInAsync(journey);
    }

    [Fact]
    public async Task TheCouncilsProvider_AssertingSomeoneOfThePoliceDomain_IsRefused()
    {
        var councilEmail = ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain);
        var policeEmail = ProviderSignInFixture.NewEmail(ProviderSignInFixture.PoliceDomain);
        await idp.AccountAsync(policeEmail, Roles.PartnerViewer, idp.PoliceTeam);
        idp.Council.AddUser(new TestIdentityUser($"sub-{Guid.NewGuid():N}", policeEmail, Groups: [ProviderSignInFixture.WorkersGroup], Amr: ["mfa"]));
        await using var journey = await idp.StartAsync();
        try
        {
            idp.Council.SignInAs = policeEmail;
            await SignInThroughProviderAsync(journey, councilEmail);
        }
        finally
        {
            idp.Council.SignInAs = null;
        }

        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("That email address is not one this sign-in serves");
        await AssertNotSignedInAsync(journey);
    }

    [Fact]
    public async Task AGroupMappedToARoleLocalityDoesNotHave_GivesNoRights()
    {
        var email = ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain);
        await idp.AccountAsync(email, Roles.KeyWorker, idp.CouncilTeam);
        idp.Council.AddUser(new TestIdentityUser($"sub-{Guid.NewGuid():N}", email, Groups: [ProviderSignInFixture.WizardsGroup], Amr: ["mfa"]));
        await using var journey = await idp.StartAsync();

        await SignInThroughProviderAsync(journey, email);

        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your agency has not given you a role in Locality");
        await AssertNotSignedInAsync(journey);
    }

    [Fact]
    public async Task AFirstSignInBySomeoneLocalityDoesNotKnow_MakesAnAccountWaitingForApproval_WithNoRights()
    {
        var email = ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain);
        idp.Council.AddUser(new TestIdentityUser($"sub-{Guid.NewGuid():N}", email, Name: "Nadia Brook", Groups: [ProviderSignInFixture.WorkersGroup], Amr: ["mfa"]));
        await using var journey = await idp.StartAsync();

        await SignInThroughProviderAsync(journey, email);
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account is waiting for approval");
        await SignInThroughProviderAsync(journey, email);

        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account is waiting for approval");
        await AssertNotSignedInAsync(journey);
        await using var scope = idp.Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        var member = await db.StaffMembers.SingleAsync(s => s.Email == email);
        Assert.True(member.AwaitsApproval);
        Assert.False(member.IsActive);
        Assert.Equal("Nadia Brook", member.DisplayName);
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<IIdentityService>().GetRolesAsync(member.Id, CancellationToken.None));
    }

    [Fact]
    public async Task SomeoneRemovedAtTheProvider_CannotSignIn()
    {
        var email = ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain);
        await idp.AccountAsync(email, Roles.KeyWorker, idp.CouncilTeam);
        idp.Council.AddUser(new TestIdentityUser($"sub-{Guid.NewGuid():N}", email, Groups: [ProviderSignInFixture.WorkersGroup], Amr: ["mfa"], Disabled: true));
        await using var journey = await idp.StartAsync();

        await SignInThroughProviderAsync(journey, email);

        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your agency's sign-in did not let you in");
        await AssertNotSignedInAsync(journey);
    }

    [Fact]
    public async Task ACallbackSentAgain_OrWithAStateOfItsOwn_SignsNoOneIn()
    {
        var email = ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain);
        await idp.AccountAsync(email, Roles.KeyWorker, idp.CouncilTeam);
        idp.Council.AddUser(new TestIdentityUser($"sub-{Guid.NewGuid():N}", email, Groups: [ProviderSignInFixture.WorkersGroup], Amr: ["mfa"]));
        await using var journey = await idp.StartAsync();
        string? callback = null;
        journey.Page.Request += (_, r) =>
        {
            if (r.Url.Contains("/sign-in/oidc/northshire-council/callback", StringComparison.Ordinal))
            {
                callback = r.Url;
            }
        };
        await SignInThroughProviderAsync(journey, email);
        Assert.NotNull(callback);
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await journey.Page.WaitForURLAsync(url => new Uri(url).Query.Contains("signedOut", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Load });

        await journey.Page.GotoAsync(callback!);
        var replayed = await journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync();
        await AssertNotSignedInAsync(journey);
        var forged = new UriBuilder(callback!) { Query = System.Text.RegularExpressions.Regex.Replace(new Uri(callback!).Query.TrimStart('?'), "state=[^&]*", "state=forged") };
        await journey.Page.GotoAsync(forged.Uri.ToString());

        Assert.Equal("The sign-in took too long", replayed);
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("The sign-in (took too long|did not work)"));
        await AssertNotSignedInAsync(journey);
    }

    [Fact]
    public async Task AProviderThatIsDown_SaysSo_AndABreakGlassAdministratorStillSignsInWithAPassword()
    {
        var email = ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain);
        var admin = await idp.AccountAsync(email, Roles.Admin, idp.CouncilTeam, breakGlass: true);
        var worker = await idp.AccountAsync(ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain), Roles.KeyWorker, idp.CouncilTeam);
        await using var journey = await idp.StartAsync();
        try
        {
            idp.Council.IsDown = true;
            await SignInThroughProviderAsync(journey, email);
            await Assertions.Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Northshire Council is not answering");

            await journey.ClickAsync("Sign in with a password (named emergency administrators only)");
            await journey.FillAsync("Email address", worker.Email);
            await journey.FillAsync("Password", worker.Password);
            await journey.ClickAsync("Continue", AriaRole.Button);
            await Assertions.Expect(journey.Page.Locator(".govuk-error-summary:not([hidden])")).ToContainTextAsync("sign in with their agency's own account");

            await journey.GotoAsync("/sign-in?usePassword=true");
            await journey.FillAsync("Email address", admin.Email);
            await journey.FillAsync("Password", admin.Password);
            await journey.ClickAsync("Continue", AriaRole.Button);
            await journey.FillAsync("Code", admin.NextCode(idp.Web.Clock.GetUtcNow()));
            await journey.ClickAsync("Sign in", AriaRole.Button);
        }
        finally
        {
            idp.Council.IsDown = false;
        }

        await Assertions.Expect(journey.Page.Locator(".locality-account")).ToContainTextAsync("Administrator");
    }

    [Fact]
    public async Task BackChannelLogout_EndsTheSessionAtOnce_AndASpoiledLogoutTokenIsRefused()
    {
        var email = ProviderSignInFixture.NewEmail(ProviderSignInFixture.CouncilDomain);
        await idp.AccountAsync(email, Roles.KeyWorker, idp.CouncilTeam);
        var subject = $"sub-{Guid.NewGuid():N}";
        idp.Council.AddUser(new TestIdentityUser(subject, email, Groups: [ProviderSignInFixture.WorkersGroup], Amr: ["mfa"]));
        await using var journey = await idp.StartAsync();
        await SignInThroughProviderAsync(journey, email);
        var endpoint = new Uri(idp.Web.BaseAddress, "/sign-in/oidc/northshire-council/back-channel-logout");
        using var http = new HttpClient();

        var spoiled = await http.PostAsync(endpoint, new FormUrlEncodedContent([new("logout_token", "not.a.token")]));
        await journey.GotoAsync("/");
        var stillIn = new Uri(journey.Page.Url).AbsolutePath;
        var logout = await idp.Council.SendBackChannelLogoutAsync(endpoint, "locality-web", subject);
        await journey.Page.ReloadAsync();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, spoiled.StatusCode);
        Assert.Equal("/", stillIn);
        Assert.Equal(System.Net.HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal("/sign-in", new Uri(journey.Page.Url).AbsolutePath);
    }

    /// <summary>
    /// The email on the sign-in page, then on through the page that moves itself on to the provider, and back: waits
    /// for the page the sign-in ends on (not the sign-in page) and checks it.
    /// </summary>
    private static async Task SignInThroughProviderAsync(Journey journey, string email)
    {
        await journey.GotoAsync("/sign-in");
        await journey.FillAsync("Email address", email);
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await journey.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/sign-in", new() { WaitUntil = WaitUntilState.Load });
        await journey.CheckPageAsync();
    }

    private static async Task AssertNotSignedInAsync(Journey journey)
    {
        var response = await journey.Page.APIRequest.GetAsync("/account/sign-in", new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
        Assert.StartsWith("/sign-in", response.Headers["location"]);
    }
}
