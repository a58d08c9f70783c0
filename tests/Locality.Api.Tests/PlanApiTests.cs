using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;

namespace Locality.Api.Tests;

public sealed class PlanApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task APlan_ThroughTheApi_RefusesAnOwnerWhoDoesNotExist_AndAStaleVersion_AndShowsItAsItStoodOnADay()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var added = await worker.PostAsJsonAsync("/api/people", new { givenName = "Pat", familyName = "Planned" + Guid.NewGuid().ToString("N")[..6], dateOfBirth = "1970-01-01", confirmedNew = true });
        var person = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var today = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);

        var withGoal = await (await worker.PostAsJsonAsync($"/api/people/{person}/plan/goals", new { text = "I want to cook again", version = 0 })).Content.ReadFromJsonAsync<JsonElement>();
        var goal = withGoal.GetProperty("goals")[0].GetProperty("id").GetString();
        var version = withGoal.GetProperty("version").GetUInt32();
        var nobody = await worker.PostAsJsonAsync($"/api/people/{person}/plan/goals/{goal}/steps", new { description = "Cookery class", ownerKind = "CommunityGroup", ownerId = Guid.NewGuid(), version });
        var stale = await worker.PostAsJsonAsync($"/api/people/{person}/plan/goals", new { text = "Another", version = version + 7 });
        var step = await worker.PostAsJsonAsync($"/api/people/{person}/plan/goals/{goal}/steps", new { description = "Buy a saucepan", ownerKind = "ThePerson", dueOn = today.AddDays(7), version });
        var yesterday = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{person}/plan?asOf={today.AddDays(-1):yyyy-MM-dd}");
        var now = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{person}/plan");

        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.Contains("does not exist", (await nobody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("ownerId")[0].GetString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        Assert.Equal(0, yesterday.GetProperty("goals").GetArrayLength());
        Assert.Equal("Buy a saucepan", now.GetProperty("goals")[0].GetProperty("steps")[0].GetProperty("description").GetString());
        Assert.Equal(2, now.GetProperty("history").GetArrayLength());
    }
}
