using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;

namespace Locality.Api.Tests;

/// <summary>
/// A write sent again with the same Idempotency-Key is made once and answered as the first time; the same key with
/// other content is refused and changes nothing; keys hold across instances of the API, and a retry while the first
/// is still running waits for it.
/// </summary>
public sealed class IdempotencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheSameNoteSentTwiceWithOneKey_IsStoredOnce_AndAnsweredTheSame()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await HostileInputTests.AddPersonAsync(worker);
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(worker, $"/api/people/{id}/notes", new { text = "Rang the GP about her tablets" }, key);
        var second = await SendAsync(worker, $"/api/people/{id}/notes", new { text = "Rang the GP about her tablets" }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await NotesAsync(api, id, "Rang the GP about her tablets"));
    }

    [Fact]
    public async Task TheSameKeyWithOtherContent_Is422_AndChangesNothing()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await HostileInputTests.AddPersonAsync(worker);
        var key = Guid.NewGuid().ToString();
        (await SendAsync(worker, $"/api/people/{id}/notes", new { text = "First thing" }, key)).EnsureSuccessStatusCode();

        var other = await SendAsync(worker, $"/api/people/{id}/notes", new { text = "Something else" }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("IdempotencyKeyReused", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString());
        Assert.Equal(0, await NotesAsync(api, id, "Something else"));
    }

    [Fact]
    public async Task AKeyIsTheSendersOwn_AnotherWorkerUsingItMakesTheirOwnChange()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await HostileInputTests.AddPersonAsync(worker);
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var key = Guid.NewGuid().ToString();
        (await SendAsync(worker, $"/api/people/{id}/notes", new { text = "Mine" }, key)).EnsureSuccessStatusCode();

        var created = await SendAsync(admin, "/api/localities", new { name = $"Pemberton {Guid.NewGuid():N}" }, key);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task ManyRetriesAtOnce_StoreOne_AndAllGetTheSameAnswer()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await HostileInputTests.AddPersonAsync(worker);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            SendAsync(worker, $"/api/people/{id}/notes", new { text = "Sent from a bus with one bar of signal" }, key)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.StatusCode));
        Assert.Single(answers.Select(a => a.Content.ReadAsStringAsync().Result).Distinct());
        Assert.Equal(1, await NotesAsync(api, id, "Sent from a bus with one bar of signal"));
    }

    [Fact]
    public async Task ARetrySentToAnotherInstance_IsAnsweredFromTheFirst()
    {
        await using var second = ApiFactory.AnotherInstanceOver(api.Database);
        await second.InitializeAsync();
        var (worker, account) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await HostileInputTests.AddPersonAsync(worker);
        using var elsewhere = second.CreateClient();
        await second.SignInAsync(elsewhere, account);
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(worker, $"/api/people/{id}/notes", new { text = "Across two instances" }, key);
        var retry = await SendAsync(elsewhere, $"/api/people/{id}/notes", new { text = "Across two instances" }, key);

        Assert.NotEqual(api.BaseAddress, second.BaseAddress);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await NotesAsync(api, id, "Across two instances"));
    }

    [Fact]
    public async Task ARefusedWrite_KeepsNothingUnderItsKey_SoTheCorrectedOneIsMade()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await HostileInputTests.AddPersonAsync(worker);
        var key = Guid.NewGuid().ToString();

        var refused = await SendAsync(worker, $"/api/people/{id}/notes", new { text = "" }, key);
        var corrected = await SendAsync(worker, $"/api/people/{id}/notes", new { text = "" }, key);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, corrected.StatusCode);
        Assert.Equal(0, await KeysAsync(api, key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("overlong")]
    public async Task AKeyThatIsNotAKey_IsAFieldError(string key)
    {
        key = key == "overlong" ? new string('k', 201) : key;
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await HostileInputTests.AddPersonAsync(worker);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/people/{id}/notes") { Content = JsonContent.Create(new { text = "Bad key" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var response = await worker.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("idempotencyKey", out _));
        Assert.Equal(0, await NotesAsync(api, id, "Bad key"));
    }

    [Fact]
    public async Task AKeyOlderThanTheKeepingPeriod_IsTakenAfresh()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await HostileInputTests.AddPersonAsync(worker);
        var key = Guid.NewGuid().ToString();
        (await SendAsync(worker, $"/api/people/{id}/notes", new { text = "A day apart" }, key)).EnsureSuccessStatusCode();
        await api.Database.ScalarAsync("WITH aged AS (UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE key = $1 RETURNING 1) SELECT count(*) FROM aged", key);

        (await SendAsync(worker, $"/api/people/{id}/notes", new { text = "A day apart" }, key)).EnsureSuccessStatusCode();

        Assert.Equal(2, await NotesAsync(api, id, "A day apart"));
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    internal static Task<long> NotesAsync(ApiFactory host, string personId, string text) =>
        host.Database.ScalarAsync("SELECT count(*) FROM timeline_entries WHERE person_id = $1 AND text = $2", Guid.Parse(personId), text);

    private static Task<long> KeysAsync(ApiFactory host, string key) => host.Database.ScalarAsync("SELECT count(*) FROM idempotency_keys WHERE key = $1", key);

}
