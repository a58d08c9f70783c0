using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;

namespace Locality.Api.Tests;

/// <summary>Sharing with partners, consent, emergency access and restricted entries, through the API over HTTP.</summary>
public sealed class SharingApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task APoliceViewer_SeesASharedPerson_AndOnTheNextRequestAfterConsentIsWithdrawn_ExactlyWhatANonExistentPersonGives()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (police, policeAccount) = await api.SignedInClientAsync(Roles.PartnerViewer, AgencyKind.Police);
        var person = await AddPersonAsync(worker);
        await AgreeAsync(policeAccount.AgencyId, ["IdentityAndContact", "Timeline"], startsOn: Today(-30), endsOn: null);
        await ConsentAsync(worker, person.Id, "Given", policeAccount.AgencyId);

        var listed = await police.GetFromJsonAsync<JsonElement>("/api/shared/people");
        var seen = await police.GetFromJsonAsync<JsonElement>($"/api/shared/people/{person.Id}");
        Assert.Contains(listed.EnumerateArray(), p => p.GetProperty("id").GetString() == person.Id);
        Assert.Equal(person.Family, seen.GetProperty("identity").GetProperty("familyName").GetString());
        Assert.Equal(["IdentityAndContact", "Timeline"], seen.GetProperty("sections").EnumerateArray().Select(s => s.GetString()));

        await ConsentAsync(worker, person.Id, "Withdrawn", policeAccount.AgencyId);

        var refused = await police.GetAsync($"/api/shared/people/{person.Id}");
        var nobody = await police.GetAsync($"/api/shared/people/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(await ProblemWithoutTraceAsync(nobody), await ProblemWithoutTraceAsync(refused));
        Assert.DoesNotContain((await police.GetFromJsonAsync<JsonElement>("/api/shared/people")).EnumerateArray(), p => p.GetProperty("id").GetString() == person.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsJsonAsync($"/api/shared/people/{person.Id}/contributions", new { text = "Called at the house" })).StatusCode);
    }

    [Fact]
    public async Task APartner_CannotSearchOrPostItsWayToPeopleNotSharedWithIt()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (police, policeAccount) = await api.SignedInClientAsync(Roles.PartnerViewer, AgencyKind.Police);
        var shared = await AddPersonAsync(worker);
        var notShared = await AddPersonAsync(worker);
        await AgreeAsync(policeAccount.AgencyId, ["IdentityAndContact", "Timeline"], startsOn: Today(-30), endsOn: null, mayContribute: true);
        await ConsentAsync(worker, shared.Id, "Given", policeAccount.AgencyId);

        var byName = await police.GetFromJsonAsync<JsonElement>($"/api/shared/people?name={notShared.Family}");
        var staffSearch = await police.GetAsync($"/api/people?name={notShared.Family}");
        var staffPage = await police.GetAsync($"/api/people/{notShared.Id}");
        var tampered = await police.PostAsJsonAsync($"/api/shared/people/{shared.Id}/contributions", new { text = "Seen at the station", personId = notShared.Id });
        var toUnshared = await police.PostAsJsonAsync($"/api/shared/people/{notShared.Id}/contributions", new { text = "Seen at the station" });
        var honest = await police.PostAsJsonAsync($"/api/shared/people/{shared.Id}/contributions", new { text = "Seen at the station" });

        Assert.Empty(byName.EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, staffSearch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, staffPage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.True((await tampered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("personId", out _), "the smuggled field is named");
        Assert.Equal(HttpStatusCode.NotFound, toUnshared.StatusCode);
        Assert.Equal(HttpStatusCode.Created, honest.StatusCode);
        var timeline = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{notShared.Id}/timeline");
        Assert.DoesNotContain(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("text").GetString() == "Seen at the station");
    }

    [Fact]
    public async Task AnExpiredAgreement_SharesNoOne_EvenWithConsent()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (police, policeAccount) = await api.SignedInClientAsync(Roles.PartnerViewer, AgencyKind.Police);
        var person = await AddPersonAsync(worker);
        await AgreeAsync(policeAccount.AgencyId, ["IdentityAndContact"], startsOn: Today(-400), endsOn: Today(-1));
        await ConsentAsync(worker, person.Id, "Given", policeAccount.AgencyId);

        Assert.Empty((await police.GetFromJsonAsync<JsonElement>("/api/shared/people")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync($"/api/shared/people/{person.Id}")).StatusCode);
    }

    [Fact]
    public async Task BreakingTheGlass_WithoutAReason_NamesTheField_AndOpensNothing()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (outsider, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddPersonAsync(worker);

        var blank = await outsider.PostAsJsonAsync($"/api/people/{person.Id}/emergency-access", new { reason = "  " });
        var stillRefused = await outsider.GetAsync($"/api/people/{person.Id}");

        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.True((await blank.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _), "the reason is named");
        Assert.Equal(HttpStatusCode.Forbidden, stillRefused.StatusCode);
        Assert.Equal("BreakGlassRequired", (await stillRefused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ARestrictedEntry_IsAbsentForAColleagueNotNamed_InTheTimelineThePageAndSearch_AndCannotBeCorrectedByThem()
    {
        var (lead, leadAccount) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (colleague, colleagueAccount) = await api.SignedInClientAsync(Roles.KeyWorker, inTeam: leadAccount.TeamId);
        var person = await AddPersonAsync(lead);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsJsonAsync($"/api/people/{person.Id}/team", new { workerId = colleagueAccount.Id.Value })).StatusCode);
        var recorded = await lead.PostAsJsonAsync($"/api/people/{person.Id}/notes", new { text = "Now staying at the refuge on Canal Street" });
        var entryId = (await recorded.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString();

        var restricted = await lead.PostAsJsonAsync($"/api/people/{person.Id}/timeline/{entryId}/restriction", new { roles = Array.Empty<string>(), userIds = Array.Empty<Guid>(), reason = "Her location must not be known" });

        Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);
        var theirTimeline = await colleague.GetFromJsonAsync<JsonElement>($"/api/people/{person.Id}/timeline");
        var theirPage = await colleague.GetStringAsync($"/api/people/{person.Id}");
        var correction = await colleague.PostAsJsonAsync($"/api/people/{person.Id}/timeline/{entryId}/amendments", new { reason = "Typo", correctedText = "Moved", amendmentsSeen = 0 });
        Assert.DoesNotContain(theirTimeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("id").GetString() == entryId);
        Assert.DoesNotContain("Canal Street", theirPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, correction.StatusCode);
        var ownTimeline = await lead.GetFromJsonAsync<JsonElement>($"/api/people/{person.Id}/timeline");
        Assert.Contains(ownTimeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("id").GetString() == entryId);
    }

    [Fact]
    public async Task AConsentNamingMoreAgenciesThanTheLongestList_IsRefused_NamingTheField()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddPersonAsync(worker);

        var agencyIds = Enumerable.Range(0, 1001).Select(_ => Guid.NewGuid()).ToList();

        var answer = await worker.PostAsJsonAsync($"/api/people/{person.Id}/consents", new { decision = "Given", agencyIds, method = "Verbal" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("at most 1000 agencies", errors.GetProperty("agencyIds")[0].GetString());
        Assert.Empty((await worker.GetFromJsonAsync<JsonElement>($"/api/people/{person.Id}/sharing")).GetProperty("consentHistory").EnumerateArray());
    }

    private async Task AgreeAsync(AgencyId agency, string[] sections, DateOnly startsOn, DateOnly? endsOn, bool mayContribute = false)
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var saved = await admin.PutAsJsonAsync($"/api/sharing-agreements/{agency.Value}", new { sections, mayContribute, startsOn, endsOn, version = 0 });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
    }

    private static async Task ConsentAsync(HttpClient worker, string personId, string decision, AgencyId agency)
    {
        var recorded = await worker.PostAsJsonAsync($"/api/people/{personId}/consents", new { decision, agencyIds = new[] { agency.Value }, method = "Verbal" });
        Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());
    }

    private static async Task<(string Id, string Family)> AddPersonAsync(HttpClient worker)
    {
        var family = "Shared" + Guid.NewGuid().ToString("N")[..8];
        var added = await worker.PostAsJsonAsync("/api/people", new { givenName = "Alex", familyName = family, dateOfBirth = "1984-05-06", postcode = "WN5 0AA", confirmedNew = true });
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        return ((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, family);
    }

    private DateOnly Today(int days) => DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(days);

    private static async Task<string> ProblemWithoutTraceAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        problem!.Remove("traceId");
        return JsonSerializer.Serialize(problem.OrderBy(p => p.Key));
    }
}
