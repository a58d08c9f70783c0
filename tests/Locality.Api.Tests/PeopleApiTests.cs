using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;

namespace Locality.Api.Tests;

public sealed class PeopleApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AKeyWorkersDay_ThroughTheApi_FromAddingSomeoneToTheirComingBack()
    {
        var (worker, workerAccount) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (admin, adminAccount) = await api.SignedInClientAsync(Roles.Admin);
        var family = "Winstanley" + Guid.NewGuid().ToString("N")[..4];
        var person = NewPerson("Margaret", family, "Peggy", "1958-04-02", "WN3 5BB");

        var created = await worker.PostAsJsonAsync("/api/people", person);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal($"/api/people/{id}", created.Headers.Location!.ToString());

        var duplicate = await worker.PostAsJsonAsync("/api/people", NewPerson("Margret", family, null, "1958-04-02", "WN3 5BB"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var problem = await duplicate.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("LikelyMatches", problem.GetProperty("kind").GetString());
        Assert.Equal(id, problem.GetProperty("matches")[0].GetProperty("person").GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/api/people/{id}/conversations",
            new { method = "Visit", text = "First visit, talked about her garden", location = "Her home", whoWasThere = "Her son" })).StatusCode);
        api.Clock.Advance(TimeSpan.FromDays(1));
        await api.SignInAsync(worker, workerAccount);
        await worker.PostAsJsonAsync($"/api/people/{id}/contact-attempts", new { method = "Phone", outcome = "NotReached", text = "No answer" });
        api.Clock.Advance(TimeSpan.FromDays(1));
        await api.SignInAsync(worker, workerAccount);
        await worker.PostAsJsonAsync($"/api/people/{id}/contact-attempts", new { method = "TextMessage", outcome = "NotReached" });
        var attempts = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{id}");
        Assert.Equal(2, attempts.GetProperty("attemptsSinceContact").GetInt32());
        api.Clock.Advance(TimeSpan.FromHours(2));
        await api.SignInAsync(worker, workerAccount);
        await worker.PostAsJsonAsync($"/api/people/{id}/conversations", new { method = "Phone", text = "She rang back" });

        api.Clock.Advance(TimeSpan.FromDays(15));
        await api.SignInAsync(worker, workerAccount);
        await api.SignInAsync(admin, adminAccount);
        (await admin.PostAsync("/api/jobs/conversation-states", null)).EnsureSuccessStatusCode();
        var quiet = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{id}");
        Assert.Equal("Quiet", quiet.GetProperty("state").GetString());
        var myDay = await worker.GetFromJsonAsync<JsonElement>("/api/my-day");
        Assert.Contains(myDay.GetProperty("keepTrying").EnumerateArray(), p => p.GetProperty("personId").GetString() == id);

        await worker.PostAsJsonAsync($"/api/people/{id}/conversations", new { method = "Visit", text = "Caught her at the community hub" });
        var back = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{id}");
        Assert.Equal("Active", back.GetProperty("state").GetString());
        var kinds = back.GetProperty("timeline").GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["StateChanged", "Conversation", "StateChanged", "Conversation", "ContactAttempt", "ContactAttempt", "Conversation", "Opened"], kinds);
    }

    [Fact]
    public async Task ChangingTheLead_PassingOn_AndAmending_ThroughTheApi()
    {
        var (worker, account) = await api.SignedInClientAsync(Roles.KeyWorker);
        var next = await api.CreateAccountAsync(Roles.KeyWorker, inTeam: account.TeamId);
        var id = await AddAsync(worker);
        var note = (await (await worker.PostAsJsonAsync($"/api/people/{id}/notes", new { text = "Rang the GP" })).Content.ReadFromJsonAsync<JsonElement>())[0];

        (await worker.PutAsJsonAsync($"/api/people/{id}/lead", new { newLeadWorkerId = next.Id.Value, reason = "Closer to where she lives" })).EnsureSuccessStatusCode();
        (await worker.PostAsJsonAsync($"/api/people/{id}/hand-offs", new { toService = "Falls prevention", reason = "Two falls this month" })).EnsureSuccessStatusCode();
        var amended = await worker.PostAsJsonAsync($"/api/people/{id}/timeline/{note.GetProperty("id").GetString()}/amendments",
            new { reason = "Wrong service", correctedText = "Rang the pharmacy", amendmentsSeen = 0 });
        var page = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{id}");

        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        Assert.Equal(next.Id.Value.ToString(), page.GetProperty("leadWorkerId").GetString());
        Assert.Equal(1, page.GetProperty("handOffCount").GetInt32());
        var shown = page.GetProperty("timeline").GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("id").GetString() == note.GetProperty("id").GetString());
        Assert.Equal("Rang the GP", shown.GetProperty("text").GetString());
        Assert.Equal("Rang the pharmacy", shown.GetProperty("currentText").GetString());
    }

    [Theory]
    [InlineData("nhsNumber", "9434765918", "not a valid NHS number")]
    [InlineData("postcode", "ZZ99 9ZZZ", "postcode")]
    [InlineData("dateOfBirth", "2099-01-01", "must be in the past")]
    [InlineData("uprn", "12345A", "UPRN")]
    public async Task AddPerson_WithABadField_Is400NamingIt(string field, string value, string message)
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var person = NewPerson("Ann", "Other" + Guid.NewGuid().ToString("N")[..4], null, "1970-01-01", "WN1 1XX");
        person[field] = value;

        var response = await worker.PostAsJsonAsync("/api/people", person);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task BadConversationInput_IsRefusedFieldByField()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await AddAsync(worker);

        var future = await worker.PostAsJsonAsync($"/api/people/{id}/notes", new { text = "Later", occurredAt = api.Clock.GetUtcNow().AddDays(3) });
        var noDate = await worker.PostAsJsonAsync($"/api/people/{id}/resting", new { reason = "Space" });
        var noReason = await worker.PostAsJsonAsync($"/api/people/{id}/hand-offs", new { toService = "Somewhere", reason = "" });
        var tooLong = await worker.PostAsJsonAsync($"/api/people/{id}/notes", new { text = new string('a', 10_001) });
        var self = await worker.PostAsJsonAsync("/api/people/merges", new { survivorId = id, mergedId = id, reason = "Same" });

        Assert.Equal("The date must be today or in the past", await FirstError(future, "occurredAt"));
        Assert.Equal("Enter the date to check back with them", await FirstError(noDate, "checkBackOn"));
        Assert.Equal("Enter why they are being passed on", await FirstError(noReason, "reason"));
        Assert.Equal("The note must be 10000 characters or fewer", await FirstError(tooLong, "text"));
        Assert.Contains("cannot be merged into itself", await FirstError(self, "mergedId"));
    }

    [Fact]
    public async Task ThereIsNoWayToClose_Delete_OrEditInPlace()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await AddAsync(worker);
        var entry = (await (await worker.PostAsJsonAsync($"/api/people/{id}/notes", new { text = "Keep" })).Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString();

        var attempts = new[]
        {
            await worker.DeleteAsync($"/api/people/{id}/timeline/{entry}"),
            await worker.PutAsJsonAsync($"/api/people/{id}/timeline/{entry}", new { text = "Changed" }),
            await worker.PatchAsJsonAsync($"/api/people/{id}/timeline/{entry}", new { text = "Changed" }),
            await worker.PostAsJsonAsync($"/api/people/{id}/close", new { }),
            await worker.PostAsJsonAsync($"/api/people/{id}/discharge", new { }),
            await worker.DeleteAsync($"/api/people/{id}"),
        };

        Assert.All(attempts, r => Assert.True(r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{r.RequestMessage!.Method} {r.RequestMessage.RequestUri} gave {r.StatusCode}"));
        var timeline = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{id}/timeline");
        Assert.Equal("Keep", timeline.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("id").GetString() == entry).GetProperty("text").GetString());
    }

    [Fact]
    public async Task TwoWorkersAmendingAtOnce_OneGets409()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var (colleague, colleagueAccount) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await AddAsync(worker);
        (await worker.PostAsJsonAsync($"/api/people/{id}/team", new { workerId = colleagueAccount.Id.Value })).EnsureSuccessStatusCode();
        var entry = (await (await worker.PostAsJsonAsync($"/api/people/{id}/notes", new { text = "Original" })).Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString();
        var url = $"/api/people/{id}/timeline/{entry}/amendments";

        var responses = await Task.WhenAll(
            worker.PostAsJsonAsync(url, new { reason = "Typo", correctedText = "A", amendmentsSeen = 0 }),
            colleague.PostAsJsonAsync(url, new { reason = "Typo", correctedText = "B", amendmentsSeen = 0 }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
    }

    [Fact]
    public async Task TextWithHtml_IsStoredAndReturnedExactlyAsTyped()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await AddAsync(worker);
        const string typed = "<img src=x onerror=alert(1)> said \"hello\" & left";

        await worker.PostAsJsonAsync($"/api/people/{id}/notes", new { text = typed });
        var timeline = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{id}/timeline");

        Assert.Equal(typed, timeline.GetProperty("entries")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task FindPeople_ByNhsNumberWithSpaces_AndAMergedIdOpensTheSurvivor()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var kept = await AddAsync(worker, nhs: "485 777 3422");
        var other = await AddAsync(worker);

        var found = await worker.GetFromJsonAsync<JsonElement>("/api/people?nhsNumber=485%20777%203422");
        (await worker.PostAsJsonAsync("/api/people/merges", new { survivorId = kept, mergedId = other, reason = "Same person" })).EnsureSuccessStatusCode();
        var opened = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{other}");

        Assert.Equal(kept, found[0].GetProperty("id").GetString());
        Assert.Equal(kept, opened.GetProperty("person").GetProperty("id").GetString());
    }

    private static Dictionary<string, object?> NewPerson(string given, string family, string? preferred, string dob, string postcode) => new()
    {
        ["givenName"] = given,
        ["familyName"] = family,
        ["preferredName"] = preferred,
        ["dateOfBirth"] = dob,
        ["addressLine1"] = "4 Mill Lane",
        ["town"] = "Wigan",
        ["postcode"] = postcode,
        ["safetyNotes"] = "Large dog: ring first",
        ["whatMattersToMe"] = "Seeing my grandchildren",
    };

    private static async Task<string> AddAsync(HttpClient client, string? nhs = null)
    {
        var person = NewPerson("Test", "Person" + Guid.NewGuid().ToString("N")[..6], null, "1975-06-15", "WN6 7AA");
        person["nhsNumber"] = nhs;
        person["confirmedNew"] = true;
        var response = await client.PostAsJsonAsync("/api/people", person);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string?> FirstError(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(field)[0].GetString();
    }
}
