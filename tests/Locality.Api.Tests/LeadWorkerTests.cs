using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Api.Tests;

/// <summary>Only someone who can hold a record, where a team lead oversees it, may be made a person's lead key worker.</summary>
public sealed class LeadWorkerTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string ChooseALead = "Select a key worker or team lead from a team in your locality";

    [Fact]
    public async Task ChangingTheLead_ToAPartnerViewer_AnAdministrator_OrAWorkerInAnotherLocality_IsAFieldError_AndChangesNothing()
    {
        var (worker, account) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await AddAsync(worker);
        var refused = new List<string>();
        foreach (var (role, kind) in new[] { (Roles.PartnerViewer, AgencyKind.Police), (Roles.Admin, AgencyKind.Council), (Roles.KeyWorker, AgencyKind.Council) })
        {
            var other = await api.CreateAccountAsync(role, kind, inTeam: role == Roles.KeyWorker ? null : account.TeamId);
            var answer = await worker.PutAsJsonAsync($"/api/people/{id}/lead", new { newLeadWorkerId = other.Id.Value, reason = "Trying" });
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            refused.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("newLeadWorkerId")[0].GetString()!);
        }

        var page = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{id}");

        Assert.Equal([ChooseALead, ChooseALead, ChooseALead], refused);
        Assert.Equal(account.Id.Value.ToString(), page.GetProperty("leadWorkerId").GetString());
    }

    [Fact]
    public async Task ChangingTheLead_ToATeamLeadOfAnotherTeamInTheLocality_IsAllowed_AndTheyCanOpenTheRecord()
    {
        var (worker, account) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (neighbourLead, neighbour) = await api.SignedInClientAsync(Roles.TeamLead, inTeam: await AnotherTeamInTheLocalityOfAsync(account.TeamId));
        var id = await AddAsync(worker);

        var changed = await worker.PutAsJsonAsync($"/api/people/{id}/lead", new { newLeadWorkerId = neighbour.Id.Value, reason = "Moving across the town" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await neighbourLead.GetAsync($"/api/people/{id}")).StatusCode);
    }

    [Fact]
    public async Task AddingAPerson_WithAPartnerViewerAsLead_IsAFieldError_AndAddsNoOne()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var viewer = await api.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Police);
        var family = "Nolead" + Guid.NewGuid().ToString("N")[..8];

        var answer = await worker.PostAsJsonAsync("/api/people", new { givenName = "Sam", familyName = family, approximateAge = 50, leadWorkerId = viewer.Id.Value, confirmedNew = true });
        var found = await worker.GetFromJsonAsync<JsonElement>($"/api/people?name=Sam%20{family}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(ChooseALead, (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("leadWorkerId")[0].GetString());
        Assert.DoesNotContain(found.EnumerateArray(), p => p.GetProperty("fullName").GetString()!.Contains(family, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PassingOn_ToAPartnerViewerAsTheNewLead_IsAFieldError()
    {
        var (worker, account) = await api.SignedInClientAsync(Roles.KeyWorker);
        var viewer = await api.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Police, inTeam: account.TeamId);
        var id = await AddAsync(worker);

        var answer = await worker.PostAsJsonAsync($"/api/people/{id}/hand-offs", new { toService = "Police", reason = "Not ours", leadKeepsConversation = false, newLeadWorkerId = viewer.Id.Value });
        var page = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(ChooseALead, (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("newLeadWorkerId")[0].GetString());
        Assert.Equal(0, page.GetProperty("handOffCount").GetInt32());
    }

    [Fact]
    public async Task AddingAPartnerViewerToTheTeamAroundAPerson_IsAFieldError_TheirAgencyIsAddedInstead()
    {
        var (worker, account) = await api.SignedInClientAsync(Roles.KeyWorker);
        var viewer = await api.CreateAccountAsync(Roles.PartnerViewer, AgencyKind.Police, inTeam: account.TeamId);
        var id = await AddAsync(worker);

        var answer = await worker.PostAsJsonAsync($"/api/people/{id}/team", new { workerId = viewer.Id.Value });
        var page = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("Select a key worker or team lead; add a partner agency as an agency",
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("workerId")[0].GetString());
        Assert.DoesNotContain(page.GetProperty("team").EnumerateArray(), m => m.GetProperty("workerId").ValueKind == JsonValueKind.String
            && m.GetProperty("workerId").GetString() == viewer.Id.Value.ToString());
    }

    private static async Task<string> AddAsync(HttpClient worker)
    {
        var added = await worker.PostAsJsonAsync("/api/people", new { givenName = "Lee", familyName = "Lead" + Guid.NewGuid().ToString("N")[..8], approximateAge = 40, confirmedNew = true });
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<TeamId> AnotherTeamInTheLocalityOfAsync(TeamId team)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        var theirs = await db.Teams.SingleAsync(t => t.Id == team);
        var other = new Team(TeamId.New(), "Neighbours " + Guid.NewGuid().ToString("N")[..8], theirs.AgencyId, theirs.LocalityId);
        db.Teams.Add(other);
        await db.SaveChangesAsync();
        return other.Id;
    }
}
