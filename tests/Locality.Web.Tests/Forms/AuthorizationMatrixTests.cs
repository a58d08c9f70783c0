using System.Net;
using System.Text.RegularExpressions;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Web.Tests.Forms;

/// <summary>
/// Every page and form post the web host maps, read from its own routing and MVC metadata, tried as each kind of
/// person: no one signed in, the lead key worker, their team lead, a key worker outside the team, an administrator,
/// and partner viewers from an agency that shares the person and one that does not. What each should get follows
/// from the action's declared rule; an action that declares none fails this test. Every post also needs its
/// anti-forgery token.
/// </summary>
public sealed partial class AuthorizationMatrixTests(WebFactory web) : IClassFixture<WebFactory>
{
    private const string EmergencyHeading = "You are not in the team around this person";

    [Fact]
    public async Task EveryPageAndPost_AnswersEachPerson_ExactlyAsItsRulesSay()
    {
        var world = await World.BuildAsync(web);
        var problems = new List<string>();
        var checkedCalls = 0;

        foreach (var endpoint in web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var action = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>();
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var rules = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (route.StartsWith("/jobs", StringComparison.Ordinal))
            {
                // The background-jobs dashboard is not MVC: its own filter lets administrators in, and no one else.
                foreach (var caller in world.Callers)
                {
                    checkedCalls++;
                    var jobs = await caller.Client.Http.GetAsync("/jobs");
                    var expected = caller.Role == Roles.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                    if (caller.Role is null ? !IsSignIn(jobs) : jobs.StatusCode != expected)
                    {
                        problems.Add($"GET /jobs as {caller.Name}: expected {(caller.Role is null ? "a redirect to sign in" : (int)expected)}, got {(int)jobs.StatusCode}");
                    }
                }

                continue;
            }

            if (action is null && !anonymous)
            {
                problems.Add($"{route}: is not a page and declares no access rule.");
                continue;
            }

            if (rules.Count == 0 && !anonymous)
            {
                problems.Add($"{action!.DisplayName} ({route}): declares no access rule. Give it [Authorize(Roles = ...)], or [AllowAnonymous] if anyone may use it.");
                continue;
            }

            if (anonymous)
            {
                continue;
            }

            var namesPerson = PersonRoute().IsMatch(route);
            var opensInEmergency = route.EndsWith("/emergency-access", StringComparison.Ordinal);
            foreach (var method in methods)
            {
                var url = Fill(route, namesPerson ? world.PersonId : null);
                var strangerUrl = Fill(route, namesPerson ? Guid.NewGuid() : null);
                foreach (var caller in world.Callers)
                {
                    checkedCalls++;
                    var response = await caller.SendAsync(method, url, withToken: true);
                    var expected = Expect(caller, rules, namesPerson && !opensInEmergency);
                    if (!await expected.Check(response, () => caller.SendAsync(method, strangerUrl, withToken: true)))
                    {
                        problems.Add($"{method} {route} as {caller.Name}: expected {expected.Description}, got {(int)response.StatusCode} {response.Headers.Location} {await Page.HeadingOfAsync(response)}");
                    }

                    // Every form the page offers must carry its anti-forgery token, or posting it is refused.
                    if (method == "GET" && response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html")
                    {
                        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
                        foreach (var form in document.QuerySelectorAll("form[method=post]").Where(f => f.QuerySelector("input[name=__RequestVerificationToken]") is null))
                        {
                            problems.Add($"GET {route} as {caller.Name}: a form posting to {form.GetAttribute("action") ?? "itself"} has no anti-forgery token (add asp-antiforgery=\"true\")");
                        }
                    }
                }

                // Someone who may use the form, posting it without its token (as a forged cross-site post would).
                if (method == "POST" && world.Callers.FirstOrDefault(c => c.Role is not null && (c.SeesPerson || !namesPerson) && Allows(rules, c.Role)) is { } user)
                {
                    checkedCalls++;
                    var forged = await user.SendAsync(method, url, withToken: false);
                    if (forged.StatusCode != HttpStatusCode.BadRequest)
                    {
                        problems.Add($"POST {route} as {user.Name} without its anti-forgery token: expected 400, got {(int)forged.StatusCode}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {checkedCalls} calls broke the rules:\n" + string.Join('\n', problems));
        Assert.True(checkedCalls > 300, $"Only {checkedCalls} calls were checked: the pages were not all found.");
    }

    /// <summary>
    /// Every page that is not about one person (each GET without an id in its address), as each person who may not open
    /// the record: the page never names the person nor carries their id, wherever its list came from (an address's
    /// call-outs, hand-offs, a review). Only the audit, which administrators search to account for every look, does.
    /// </summary>
    [Fact]
    public async Task EveryListPage_NamesOnlyPeopleTheViewerMayOpen()
    {
        var world = await World.BuildAsync(web);
        var pages = web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains("GET"))
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(route => !route.Contains('{'))
            .Concat(["/team/passed-on?all=true", "/reviews/emergency-access?all=true"])
            .Distinct()
            .ToList();
        var problems = new List<string>();
        var shown = 0;
        foreach (var caller in world.Callers.Where(c => c.Role is not null && !c.SeesPerson))
        {
            foreach (var page in pages.Where(p => !(p == "/admin/audit" && caller.Role == Roles.Admin)))
            {
                var response = await caller.Client.Http.GetAsync(page);
                var body = await response.Content.ReadAsStringAsync();
                shown += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
                if (body.Contains(world.PersonId.ToString(), StringComparison.OrdinalIgnoreCase) || body.Contains(world.FamilyName, StringComparison.Ordinal))
                {
                    problems.Add($"GET {page} as {caller.Name} names the person or carries their id");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(shown >= 10, $"Only {shown} pages were shown: the probe found too few to mean anything.");
    }

    [Fact]
    public async Task TheListProbe_WouldSeeThePerson_OnTheirTeamLeadsPages()
    {
        var world = await World.BuildAsync(web);
        var teamLead = world.Callers.Single(c => c.Name == "their team lead").Client;

        var repeats = await teamLead.GetAsync("/team/repeat-demand");
        var passedOn = await teamLead.GetAsync("/team/passed-on?all=true");

        Assert.Contains(world.FamilyName, repeats.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(world.FamilyName, passedOn.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// The posts anyone may send (signing in, and the passkey steps of it) are skipped above, but a forged cross-site
    /// post of one must still be refused: each needs its anti-forgery token, as a form field or (from script) a header.
    /// </summary>
    [Fact]
    public async Task EveryPostAnyoneMaySend_WithoutItsAntiForgeryToken_IsRefused()
    {
        var posts = web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Distinct()
            .ToList();
        var problems = new List<string>();
        using var stranger = web.NewClient();
        foreach (var route in posts)
        {
            var url = Fill(route, null);
            var asForm = await stranger.Http.PostAsync(url, new FormUrlEncodedContent([]));
            var asJson = await stranger.Http.PostAsync(url, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            if (asForm.StatusCode != HttpStatusCode.BadRequest || asJson.StatusCode != HttpStatusCode.BadRequest)
            {
                problems.Add($"POST {route} without its token: expected 400, got {(int)asForm.StatusCode} (form) and {(int)asJson.StatusCode} (JSON)");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Contains(Controllers.PasskeysController.SignInPath, posts);
        Assert.Contains(Controllers.PasskeysController.SecondStepPath, posts);
    }

    /// <summary>The passkey pages for someone between the two steps of signing in send anyone else to sign in.</summary>
    [Fact]
    public async Task ThePasskeyPagesBetweenTheSteps_WithNoOneSigningIn_SendYouToSignIn()
    {
        using var stranger = web.NewClient();
        foreach (var page in new[] { Controllers.PasskeysController.SecondStepPath, Controllers.PasskeysController.SetUpPath })
        {
            Assert.True(IsSignIn(await stranger.Http.GetAsync(page)), page);
        }
    }

    [Fact]
    public async Task SigningOut_EndsTheSessionOfEachPersonWhoDoes()
    {
        var world = await World.BuildAsync(web);
        var problems = new List<string>();
        foreach (var caller in world.Callers.Where(c => c.Role is not null))
        {
            var signedOut = await caller.SendAsync("POST", "/sign-out", withToken: true);
            var after = await caller.Client.Http.GetAsync("/");
            if (signedOut.StatusCode != HttpStatusCode.Redirect || !IsSignIn(after))
            {
                problems.Add($"signing out as {caller.Name}: got {(int)signedOut.StatusCode}, then {(int)after.StatusCode} {after.Headers.Location}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>The pages added for partners' own tokens are among those the matrix above tries, each with its rule.</summary>
    [Theory]
    [InlineData("GET", "/admin/agencies/{id:guid}/token-clients/new")]
    [InlineData("POST", "/admin/agencies/{id:guid}/token-clients/new")]
    [InlineData("POST", "/admin/agencies/{id:guid}/token-clients/{clientId:guid}/remove")]
    public void TheMatrix_TriesTheTokenClientPages(string method, string route)
    {
        var endpoint = web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/') == route
                         && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains(method));

        Assert.NotEmpty(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
    }

    private static Expectation Expect(Caller caller, IReadOnlyList<IAuthorizeData> rules, bool needsThePerson)
    {
        if (caller.Role is null)
        {
            return new("a redirect to sign in", response => Task.FromResult(IsSignIn(response)));
        }

        if (!Allows(rules, caller.Role))
        {
            return new("403", response => Task.FromResult(response.StatusCode == HttpStatusCode.Forbidden));
        }

        if (!needsThePerson || caller.SeesPerson)
        {
            return new("to be let in (not 403, a sign-in or a server error)", response =>
                Task.FromResult(response.StatusCode != HttpStatusCode.Forbidden && !IsSignIn(response) && (int)response.StatusCode < 500));
        }

        if (caller.Role is Roles.KeyWorker or Roles.TeamLead)
        {
            return new("403 offering emergency access", async response =>
                response.StatusCode == HttpStatusCode.Forbidden && await Page.HeadingOfAsync(response) == EmergencyHeading);
        }

        return new("404, as for a person who does not exist", async (response, stranger) =>
        {
            var unknown = await stranger();
            return response.StatusCode == HttpStatusCode.NotFound && unknown.StatusCode == HttpStatusCode.NotFound
                && await Page.HeadingOfAsync(response) == await Page.HeadingOfAsync(unknown);
        });
    }

    /// <summary>Every rule must let the role in (as ASP.NET Core combines them); a rule naming no roles lets in anyone signed in.</summary>
    private static bool Allows(IReadOnlyList<IAuthorizeData> rules, string role) =>
        rules.All(rule => rule.Roles is null || rule.Roles.Split(',').Select(r => r.Trim()).Contains(role));

    private static bool IsSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/sign-in", StringComparison.Ordinal) == true;

    private static string Fill(string route, Guid? person) =>
        RouteParameter().Replace(route, match =>
            match.Groups["name"].Value is "id" or "personId" && person is { } id ? id.ToString() : Guid.NewGuid().ToString());

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"^/(people|shared)/\{(id|personId)")]
    private static partial Regex PersonRoute();

    private sealed record Expectation(string Description, Func<HttpResponseMessage, Func<Task<HttpResponseMessage>>, Task<bool>> Check)
    {
        public Expectation(string description, Func<HttpResponseMessage, Task<bool>> check)
            : this(description, (response, _) => check(response))
        {
        }
    }

    private sealed record Caller(string Name, string? Role, FormClient Client, bool SeesPerson, string? Token)
    {
        /// <summary>A request as the browser would send it: a post carries the empty form and, unless forging, the token.</summary>
        public Task<HttpResponseMessage> SendAsync(string method, string url, bool withToken)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method == "POST")
            {
                request.Content = new FormUrlEncodedContent(withToken && Token is not null
                    ? [new KeyValuePair<string, string>("__RequestVerificationToken", Token)]
                    : []);
            }

            return Client.Http.SendAsync(request);
        }
    }

    /// <summary>A person, the team around them, partners who do and do not share them, and one signed-in client per kind of person.</summary>
    private sealed record World(Guid PersonId, string FamilyName, IReadOnlyList<Caller> Callers)
    {
        public static async Task<World> BuildAsync(WebFactory web)
        {
            var (admin, _) = await web.SignedInAccountAsync(Roles.Admin);
            var (lead, leadAccount) = await web.SignedInAccountAsync(Roles.KeyWorker);
            var (teamLead, _) = await web.SignedInAccountAsync(Roles.TeamLead, inTeam: leadAccount.TeamId);
            var (outsider, _) = await web.SignedInAccountAsync(Roles.KeyWorker);
            var (neighbourLead, _) = await web.SignedInAccountAsync(Roles.TeamLead, inTeam: await AnotherTeamInTheLocalityOfAsync(web, leadAccount.TeamId));
            var (sharing, sharingAccount) = await web.SignedInAccountAsync(Roles.PartnerViewer, AgencyKind.Police);
            var (other, _) = await web.SignedInAccountAsync(Roles.PartnerViewer, AgencyKind.Police);

            var today = DateOnly.FromDateTime(web.Clock.GetUtcNow().UtcDateTime);
            var agreement = await admin.SubmitAsync(
                $"/admin/sharing-agreements/{sharingAccount.AgencyId}",
                new() { ["MayContribute"] = "true", ["StartsOn.Day"] = "1", ["StartsOn.Month"] = "1", ["StartsOn.Year"] = (today.Year - 1).ToString() },
                null,
                [.. Enum.GetNames<Domain.Access.RecordSection>().Select(s => ("Sections", s))]);
            Assert.Equal(HttpStatusCode.Redirect, agreement.Status);

            var family = "Person" + Guid.NewGuid().ToString("N")[..6];
            var added = await lead.SubmitAsync("/people/new", new()
            {
                ["GivenName"] = "Matrix",
                ["FamilyName"] = family,
                ["ApproximateAge"] = "40",
                ["ConfirmedNew"] = "true",
            });
            var personId = Guid.Parse(added.Response.Headers.Location!.ToString().Split('/')[^1]);
            var consent = await lead.SubmitAsync($"/people/{personId}/consent", new() { ["Decision"] = "Given", ["Method"] = "Written" });
            Assert.Equal(HttpStatusCode.Redirect, consent.Status);

            // Enough call-outs at one address for the locality's repeat addresses to list it, and a hand-off, so the
            // pages that list people have this one to list.
            var uprn = "9" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var days in new[] { 1, 2, 3 })
            {
                var on = today.AddDays(-days);
                var demand = await lead.SubmitAsync($"/people/{personId}/demand/new", new()
                {
                    ["TypeCode"] = "police-call-out",
                    ["AgencyId"] = sharingAccount.AgencyId.Value.ToString(),
                    ["OccurredOn.Day"] = on.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["OccurredOn.Month"] = on.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["OccurredOn.Year"] = on.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Uprn"] = uprn,
                    ["Classification"] = "Failure",
                    ["FailureTypeCode"] = "REPEAT_CALLOUT",
                });
                Assert.Equal(HttpStatusCode.Redirect, demand.Status);
            }

            var check = await lead.SubmitAsync($"/people/{personId}/pass-on", new() { ["ToService"] = "Housing options", ["Reason"] = "Facing eviction" });
            var passedOn = await lead.PressAsync(check, "Record the hand-off");
            Assert.Equal(HttpStatusCode.Redirect, passedOn.Status);

            return new World(personId, family,
            [
                new("no one signed in", null, web.NewClient(), false, null),
                await CallerAsync("the lead key worker", Roles.KeyWorker, lead, true),
                await CallerAsync("their team lead", Roles.TeamLead, teamLead, true),
                await CallerAsync("a key worker outside the team", Roles.KeyWorker, outsider, false),
                await CallerAsync("a team lead of another team in the locality", Roles.TeamLead, neighbourLead, false),
                await CallerAsync("an administrator", Roles.Admin, admin, false),
                await CallerAsync("a viewer at a sharing partner", Roles.PartnerViewer, sharing, true),
                await CallerAsync("a viewer at a partner that does not share", Roles.PartnerViewer, other, false),
            ]);
        }

        private static async Task<TeamId> AnotherTeamInTheLocalityOfAsync(WebFactory web, TeamId team)
        {
            await using var scope = web.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Locality.Infrastructure.Persistence.LocalityDbContext>();
            var theirs = await db.Teams.SingleAsync(t => t.Id == team);
            var other = new Team(TeamId.New(), "Neighbours " + Guid.NewGuid().ToString("N")[..8], theirs.AgencyId, theirs.LocalityId);
            db.Teams.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        }

        /// <summary>The token from the sign-out form every signed-in page carries (tokens are per person, not per form).</summary>
        private static async Task<Caller> CallerAsync(string name, string role, FormClient client, bool seesPerson)
        {
            var page = await client.GetAsync("/help/accessibility");
            var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                        ?? throw new InvalidOperationException("No anti-forgery token on the page.");
            return new Caller(name, role, client, seesPerson, token);
        }
    }
}
