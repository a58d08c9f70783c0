using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;

namespace Locality.Api.Tests.Campaign;

/// <summary>
/// What the campaign calls with and about: one client per kind of caller, a person in the key worker's care, a person
/// in someone else's, and the ids of things that exist (agencies, teams, a locality, a bystander's account).
/// </summary>
internal sealed record CampaignWorld(
    IReadOnlyList<(string Name, HttpClient Client)> Callers,
    Guid PersonId,
    Guid OtherPersonId,
    Guid PartnerAgencyId,
    Guid TeamId,
    Guid LocalityId,
    Guid BystanderId,
    Guid InstrumentId)
{
    /// <summary>Ids that exist, none of them a caller's own account or key (the campaign must not lock itself out).</summary>
    public IReadOnlyList<Guid> KnownIds => [PersonId, OtherPersonId, PartnerAgencyId, TeamId, LocalityId, BystanderId, InstrumentId];

    public static async Task<CampaignWorld> BuildAsync(ApiFactory api)
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var (worker, workerAccount) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (teamLead, _) = await api.SignedInClientAsync(Roles.TeamLead, inTeam: workerAccount.TeamId);
        var (bystander, bystanderAccount) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (viewer, viewerAccount) = await api.SignedInClientAsync(Roles.PartnerViewer, AgencyKind.Police);

        await SucceedsAsync(await admin.PutAsJsonAsync($"/api/sharing-agreements/{viewerAccount.AgencyId}", new
        {
            sections = Enum.GetNames<Domain.Access.RecordSection>(),
            mayContribute = true,
            startsOn = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(-1),
            version = 0,
        }));
        var person = await AddPersonAsync(worker, "Campaign");
        await SucceedsAsync(await worker.PostAsJsonAsync($"/api/people/{person}/consents", new { decision = "Given", method = "Written" }));
        var other = await AddPersonAsync(bystander, "Elsewhere");

        var key = await admin.PostAsJsonAsync($"/api/agencies/{viewerAccount.AgencyId}/api-keys", new { name = "Campaign system" });
        await SucceedsAsync(key);
        var partnerSystem = api.CreateClient();
        partnerSystem.DefaultRequestHeaders.Add("X-Api-Key", (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        var instruments = await worker.GetFromJsonAsync<JsonElement>("/api/instruments");
        var team = await admin.GetFromJsonAsync<JsonElement>($"/api/teams/{workerAccount.TeamId}");

        IReadOnlyList<(string, HttpClient)> callers =
        [
            ("key worker", worker),
            ("team lead", teamLead),
            ("partner viewer", viewer),
            ("administrator", admin),
            ("partner API key", partnerSystem),
            ("anonymous", api.CreateClient()),
        ];
        return new CampaignWorld(
            callers, person, other, viewerAccount.AgencyId.Value, workerAccount.TeamId.Value,
            team.GetProperty("localityId").GetGuid(), bystanderAccount.Id.Value, instruments[0].GetProperty("id").GetGuid());
    }

    private static async Task<Guid> AddPersonAsync(HttpClient worker, string givenName)
    {
        var added = await worker.PostAsJsonAsync("/api/people", new { givenName, familyName = "Person" + Guid.NewGuid().ToString("N")[..6], approximateAge = 40, confirmedNew = true });
        await SucceedsAsync(added);
        return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task SucceedsAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Setting up the campaign failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
