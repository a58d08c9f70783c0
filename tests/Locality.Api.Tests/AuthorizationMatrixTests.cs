using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Locality.Application.Access;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Api.Tests;

/// <summary>
/// Every endpoint the API host maps, read from its own routing metadata, called as each kind of caller: no one, a key
/// worker in the team around a person and one outside it, their team lead, an administrator, and a partner viewer and
/// a partner system from an agency that shares the person and from one that does not. What each should get follows
/// from the request the endpoint sends (its <see cref="AllowedForAttribute"/>) and whether it names a person. An
/// endpoint that declares no rule at all fails this test.
/// </summary>
public sealed partial class AuthorizationMatrixTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task EveryEndpoint_AnswersEachCaller_ExactlyAsItsRulesSay()
    {
        var world = await World.BuildAsync(api);
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (Endpoint: e, Method: method)))
            .ToList();
        var problems = new List<string>();
        var checkedCalls = 0;

        foreach (var (endpoint, method) in endpoints)
        {
            var route = endpoint.RoutePattern.RawText ?? string.Empty;
            var sends = endpoint.Metadata.GetMetadata<SendsAttribute>();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (sends is null && !anonymous)
            {
                problems.Add($"{method} {route}: has no access rule. Say which request it sends (.Sends<TRequest>()) or that anyone may call it (.AllowAnonymous()).");
                continue;
            }

            if (anonymous || EndsTheCallersSession.Contains(route))
            {
                continue;
            }

            var namesPerson = route.StartsWith("/api/people/{id", StringComparison.Ordinal) || route.StartsWith("/api/shared/people/{id", StringComparison.Ordinal);
            var personRequest = namesPerson && typeof(IPersonRequest).IsAssignableFrom(sends!.Request);
            if (namesPerson && !personRequest && sends!.Request != typeof(BreakGlass))
            {
                problems.Add($"{method} {route}: names a person but sends {sends.Request.Name}, which does not check who may see them (IReadsPerson or IChangesPerson).");
            }

            var url = Fill(route, namesPerson ? world.PersonId : null);
            var strangerUrl = Fill(route, namesPerson ? Guid.NewGuid() : null);

            foreach (var caller in world.Callers)
            {
                checkedCalls++;
                var response = await SendAsync(caller.Client, method, url);
                var expected = Expect(caller, sends!, personRequest, namesPerson);
                var outcome = await DescribeAsync(response);
                if (!await expected.MatchesAsync(response, () => SendAsync(caller.Client, method, strangerUrl)))
                {
                    problems.Add($"{method} {route} as {caller.Name}: expected {expected.Description}, got {outcome}");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {checkedCalls} calls broke the rules:\n" + string.Join('\n', problems));
        Assert.True(checkedCalls > 400, $"Only {checkedCalls} calls were checked: the endpoints were not all found.");
    }

    [Fact]
    public async Task SigningOut_AnswersEachCaller_AndEndsTheSessionOfEachPersonWhoDoes()
    {
        var world = await World.BuildAsync(api);
        var problems = new List<string>();
        foreach (var caller in world.Callers)
        {
            var answer = await caller.Client.PostAsync("/api/auth/sign-out", null);
            var expected = caller.Role switch
            {
                null => HttpStatusCode.Unauthorized,
                Roles.PartnerSystem => HttpStatusCode.Forbidden,
                _ => HttpStatusCode.NoContent,
            };
            if (answer.StatusCode != expected)
            {
                problems.Add($"sign-out as {caller.Name}: expected {(int)expected}, got {await DescribeAsync(answer)}");
            }

            var after = await caller.Client.GetAsync("/api/me");
            var stillIn = caller.Role is not null && expected != HttpStatusCode.NoContent;
            if ((after.StatusCode == HttpStatusCode.OK) != stillIn)
            {
                problems.Add($"/api/me after signing out as {caller.Name}: got {(int)after.StatusCode}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>
    /// Every list the API gives (each GET without an id in its address), as each caller who may not open the person:
    /// the answer never carries the person's id, wherever the list came from (an address's call-outs, hand-offs, a
    /// review). Only the audit, which administrators search to account for every look, names whoever was looked at.
    /// </summary>
    [Fact]
    public async Task EveryList_CarriesOnlyPeopleTheCallerMayOpen()
    {
        var world = await World.BuildAsync(api);
        var lists = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains("GET"))
            .Where(e => e.Metadata.GetMetadata<SendsAttribute>() is not null && !(e.RoutePattern.RawText ?? "").Contains('{'))
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
        var problems = new List<string>();
        var checkedLists = 0;
        foreach (var caller in world.Callers.Where(c => c.Role is not null && !c.SeesPerson))
        {
            foreach (var list in lists.Where(l => !(l == "/api/audit" && caller.Role == Roles.Admin)))
            {
                var answer = await caller.Client.GetAsync(list);
                var body = await answer.Content.ReadAsStringAsync();
                checkedLists += answer.IsSuccessStatusCode ? 1 : 0;
                if (body.Contains(world.PersonId.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"GET {list} as {caller.Name} carries the person's id: {(body.Length > 300 ? body[..300] : body)}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(checkedLists >= 10, $"Only {checkedLists} lists answered: the probe found too few to mean anything.");
    }

    [Fact]
    public async Task TheListProbe_WouldSeeThePerson_WhereTheCallerMayOpenThem()
    {
        var world = await World.BuildAsync(api);
        var teamLead = world.Callers.Single(c => c.Name == "their team lead").Client;

        var repeats = await teamLead.GetStringAsync("/api/demand/repeats");
        var passedOn = await teamLead.GetStringAsync("/api/people/passed-on-most");

        Assert.Contains(world.PersonId.ToString(), repeats, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(world.PersonId.ToString(), passedOn, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheMatrixFindsTheApisEndpoints_IncludingThePartnerApi()
    {
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText).ToList();

        Assert.Contains("/api/shared/people/{id:guid}", routes);
        Assert.Contains("/api/people/{id:guid}/emergency-access", routes);
        Assert.Contains("/api/sharing-agreements/{agencyId:guid}", routes);
        Assert.Contains("/api/identity-providers/{id:guid}/enabled", routes);
        Assert.Contains("/api/agencies/{id:guid}/identity-providers", routes);
        Assert.Contains("/api/users/{id:guid}/approve", routes);
        Assert.Contains("/api/users/{id:guid}/end-sessions", routes);
    }

    /// <summary>The endpoints added for partners' own tokens are among those the matrix above tries, each with its rule.</summary>
    [Theory]
    [InlineData("GET", "/api/agencies/{id:guid}/token-clients")]
    [InlineData("POST", "/api/agencies/{id:guid}/token-clients")]
    [InlineData("POST", "/api/token-clients/{id:guid}/remove")]
    public void TheMatrix_TriesTheTokenClientEndpoints(string method, string route)
    {
        var endpoint = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == route && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains(method));

        Assert.NotNull(endpoint.Metadata.GetMetadata<SendsAttribute>());
    }

    private static Expectation Expect(Caller caller, SendsAttribute sends, bool personRequest, bool namesPerson)
    {
        if (caller.Role is null)
        {
            return Expectation.Status(HttpStatusCode.Unauthorized);
        }

        if (sends.AllowedRoles.Count > 0 && !sends.AllowedRoles.Contains(caller.Role))
        {
            return Expectation.Status(HttpStatusCode.Forbidden);
        }

        if (!personRequest || caller.SeesPerson)
        {
            return Expectation.Allowed(namesPerson);
        }

        return caller.Role is Roles.KeyWorker or Roles.TeamLead
            ? Expectation.BreakGlass()
            : Expectation.SameAsAPersonWhoDoesNotExist();
    }

    private static string Fill(string route, Guid? person)
    {
        var filled = RouteParameter().Replace(route, match => match.Groups["name"].Value == "id" && person is { } id ? id.ToString() : Guid.NewGuid().ToString());
        return OptionalParameter().Replace(filled, string.Empty).TrimEnd('/') is { Length: > 0 } path ? path : "/";
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return $"{(int)response.StatusCode} {(body.Length > 300 ? body[..300] : body)}";
    }

    /// <summary>Tried on their own (signing out ends the caller's session for every call after it).</summary>
    private static readonly HashSet<string> EndsTheCallersSession = ["/api/auth/sign-out"];

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}?]*)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"/?\{\w+(:[^}]*)?\?\}")]
    private static partial Regex OptionalParameter();

    private sealed record Caller(string Name, string? Role, HttpClient Client, bool SeesPerson);

    private sealed record Expectation(string Description, Func<HttpResponseMessage, Func<Task<HttpResponseMessage>>, Task<bool>> Check)
    {
        public Task<bool> MatchesAsync(HttpResponseMessage response, Func<Task<HttpResponseMessage>> stranger) => Check(response, stranger);

        public static Expectation Status(HttpStatusCode status) =>
            new($"{(int)status}", (response, _) => Task.FromResult(response.StatusCode == status));

        /// <summary>
        /// Let through: any answer but 401, 403 or a server error (the empty body it is sent may well be a 400), and
        /// where the address names the person, not "person not found" either.
        /// </summary>
        public static Expectation Allowed(bool namesPerson) =>
            new($"to be let through (not 401, 403, 5xx{(namesPerson ? ", nor 'person not found'" : "")})", async (response, _) =>
                response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500
                && !(namesPerson && response.StatusCode == HttpStatusCode.NotFound
                     && (await response.Content.ReadAsStringAsync()).Contains("Person was not found", StringComparison.Ordinal)));

        public static Expectation BreakGlass() =>
            new("403 offering emergency access", async (response, _) =>
                response.StatusCode == HttpStatusCode.Forbidden
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString() == "BreakGlassRequired");

        /// <summary>A person the caller may not see answers exactly as a person who does not exist: existence is not leaked.</summary>
        public static Expectation SameAsAPersonWhoDoesNotExist() =>
            new("404, word for word as for a person who does not exist", async (response, stranger) =>
            {
                var unknown = await stranger();
                return response.StatusCode == HttpStatusCode.NotFound && unknown.StatusCode == HttpStatusCode.NotFound
                    && Strip(await response.Content.ReadAsStringAsync()) == Strip(await unknown.Content.ReadAsStringAsync());
            });

        /// <summary>The body without its trace id, which differs on every request.</summary>
        private static string Strip(string problem) => Regex.Replace(problem, "\"traceId\":\"[^\"]*\"", string.Empty);
    }

    /// <summary>A person, the team around them, partners who do and do not share them, and one client per kind of caller.</summary>
    private sealed record World(Guid PersonId, IReadOnlyList<Caller> Callers)
    {
        public static async Task<World> BuildAsync(ApiFactory api)
        {
            var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
            var (lead, leadAccount) = await api.SignedInClientAsync(Roles.KeyWorker);
            var (teamLead, _) = await api.SignedInClientAsync(Roles.TeamLead, inTeam: leadAccount.TeamId);
            var (outsider, _) = await api.SignedInClientAsync(Roles.KeyWorker);
            var (neighbourLead, _) = await api.SignedInClientAsync(Roles.TeamLead, inTeam: await AnotherTeamInTheLocalityOfAsync(api, leadAccount.TeamId));
            var (sharingViewer, sharingAccount) = await api.SignedInClientAsync(Roles.PartnerViewer, AgencyKind.Police);
            var (otherViewer, otherAccount) = await api.SignedInClientAsync(Roles.PartnerViewer, AgencyKind.Police);

            var agreement = await admin.PutAsJsonAsync($"/api/sharing-agreements/{sharingAccount.AgencyId}", new
            {
                sections = Enum.GetNames<Domain.Access.RecordSection>(),
                mayContribute = true,
                startsOn = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(-1),
                version = 0,
            });
            await SucceedsAsync(agreement);

            var added = await lead.PostAsJsonAsync("/api/people", new { givenName = "Matrix", familyName = "Person" + Guid.NewGuid().ToString("N")[..6], approximateAge = 40, confirmedNew = true });
            await SucceedsAsync(added);
            var personId = Guid.Parse((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            await SucceedsAsync(await lead.PostAsJsonAsync($"/api/people/{personId}/consents", new { decision = "Given", method = "Written" }));

            // Enough call-outs at one address for the locality's repeat addresses to list it, and a hand-off, so the
            // lists that carry people have this one to carry.
            var uprn = "9" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var days = 1; days <= 3; days++)
            {
                await SucceedsAsync(await lead.PostAsJsonAsync($"/api/people/{personId}/demand", new
                {
                    typeCode = "police-call-out",
                    agencyId = sharingAccount.AgencyId.Value,
                    occurredAt = api.Clock.GetUtcNow().AddDays(-days),
                    uprn,
                    classification = "Failure",
                    failureTypeCode = "REPEAT_CALLOUT",
                }));
            }

            await SucceedsAsync(await lead.PostAsJsonAsync($"/api/people/{personId}/hand-offs", new { toService = "Housing options", reason = "Facing eviction" }));

            return new World(personId,
            [
                new("no one signed in", null, api.CreateClient(), false),
                new("the lead key worker", Roles.KeyWorker, lead, true),
                new("their team lead", Roles.TeamLead, teamLead, true),
                new("a key worker outside the team", Roles.KeyWorker, outsider, false),
                new("a team lead of another team in the locality", Roles.TeamLead, neighbourLead, false),
                new("an administrator", Roles.Admin, admin, false),
                new("a viewer at a sharing partner", Roles.PartnerViewer, sharingViewer, true),
                new("a viewer at a partner that does not share", Roles.PartnerViewer, otherViewer, false),
                new("a sharing partner's system", Roles.PartnerSystem, await PartnerSystemAsync(api, admin, sharingAccount.AgencyId), true),
                new("the system of a partner that does not share", Roles.PartnerSystem, await PartnerSystemAsync(api, admin, otherAccount.AgencyId), false),
            ]);
        }

        private static async Task SucceedsAsync(HttpResponseMessage response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Setting up failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        private static async Task<TeamId> AnotherTeamInTheLocalityOfAsync(ApiFactory api, TeamId team)
        {
            await using var scope = api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Locality.Infrastructure.Persistence.LocalityDbContext>();
            var theirs = await db.Teams.SingleAsync(t => t.Id == team);
            var other = new Team(TeamId.New(), $"Neighbouring team {Guid.NewGuid():N}"[..30], theirs.AgencyId, theirs.LocalityId);
            db.Teams.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        }

        private static async Task<HttpClient> PartnerSystemAsync(ApiFactory api, HttpClient admin, AgencyId agency)
        {
            var created = await admin.PostAsJsonAsync($"/api/agencies/{agency}/api-keys", new { name = "Case system" });
            await SucceedsAsync(created);
            var client = api.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return client;
        }
    }
}
