using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Locality.Application.Common.Security;

namespace Locality.Api.Tests;

/// <summary>
/// Values a careless or hostile caller sends (an offset other than Z, a NUL, half of a character, a page past the end
/// of the integers) are answered with a field error or stored correctly: never a 500, and a refused one changes nothing.
/// </summary>
public sealed class HostileInputTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("+01:00")]
    [InlineData("-05:30")]
    [InlineData("+14:00")]
    public async Task ANoteWithAnyOffset_IsStoredAtTheSameInstant(string offset)
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await AddPersonAsync(worker);
        var local = api.Clock.GetUtcNow().AddHours(-20);
        var at = new DateTimeOffset(local.UtcDateTime.Ticks, TimeSpan.Zero).ToOffset(TimeSpan.Parse(offset.TrimStart('+')));
        var text = at.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + offset;

        var response = await worker.PostAsync($"/api/people/{id}/notes", Json($$"""{"text":"Saw her at the hub","occurredAt":"{{text}}"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = (await response.Content.ReadFromJsonAsync<JsonElement>())[0];
        var stored = entry.GetProperty("occurredAt").GetDateTimeOffset();
        Assert.Equal(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, stored.UtcDateTime);
    }

    [Fact]
    public async Task TheAuditSearchedWithSummerTimeOffsets_Answers()
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);

        var response = await admin.GetAsync("/api/audit?from=2026-06-01T00:00:00%2B01:00&to=2026-11-28T10:00:00%2B01:00");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(2147483647)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task AnAuditPageOutsideTheRange_IsAFieldError(int page)
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);

        var response = await admin.GetAsync($"/api/audit?page={page}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("page", out _));
    }

    [Theory]
    [InlineData("PT\\u0000X", "cannot be kept")]
    [InlineData("Ann\\ud800", "not valid here")]
    [InlineData("\\udc00Ann", "not valid here")]
    public async Task TextThatCannotBeStored_IsAFieldError_AndNothingIsMade(string name, string message)
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var before = await CountAsync("localities");

        var response = await admin.PostAsync("/api/localities", Json($$"""{"name":"{{name}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty("name")[0].GetString());
        Assert.Equal(before, await CountAsync("localities"));
    }

    [Fact]
    public async Task ANulInAQueryString_IsAFieldError()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);

        var response = await worker.GetAsync("/api/people?name=ab%00c");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
    }

    [Fact]
    public async Task ANulInsideAListOfThings_NamesWhereItIs()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var id = await AddPersonAsync(worker);

        var response = await worker.PostAsync($"/api/people/{id}/notes", Json("""{"text":"Rang\u0000 the GP"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("text", out _));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<long> CountAsync(string table) => api.Database.ScalarAsync($"SELECT count(*) FROM {table}");

    internal static async Task<string> AddPersonAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/people", new Dictionary<string, object?>
        {
            ["givenName"] = "Test",
            ["familyName"] = "Person" + Guid.NewGuid().ToString("N")[..6],
            ["dateOfBirth"] = "1975-06-15",
            ["addressLine1"] = "4 Mill Lane",
            ["town"] = "Wigan",
            ["postcode"] = "WN6 7AA",
            ["confirmedNew"] = true,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
