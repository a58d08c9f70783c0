using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;

namespace Locality.Api.Tests;

public sealed class RatingApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] Keys =
        ["engagement", "intentional-self-harm", "unintentional-self-harm", "risk-to-others", "risk-from-others", "stress-and-anxiety", "social-effectiveness", "alcohol-and-drugs", "impulse-control", "housing"];

    [Fact]
    public async Task ARating_ThroughTheApi_IsScoredOnTheServer_AndEachBadChoiceIsA400NamingItsDomain()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddPersonAsync(worker);
        var chaos = await ChaosIndexIdAsync(worker);
        var today = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);

        var created = await worker.PostAsJsonAsync($"/api/people/{person}/ratings", Rating(chaos, today, [3, 1, 2, 2, 1, 3, 2, 4, 2, 3]));
        var missing = await worker.PostAsJsonAsync($"/api/people/{person}/ratings", Rating(chaos, today, [3, 1, 2, 2, 1, 3, 2, 4, 2, 3], skip: "housing"));
        var score = await worker.PostAsJsonAsync($"/api/people/{person}/ratings", new
        {
            instrumentId = chaos,
            ratedOn = today,
            personTookPart = true,
            choices = Keys.Select(k => k == "risk-to-others" ? (object)new { domain = k, score = 4 } : new { domain = k, step = 1 }),
        });
        var total = await worker.PostAsJsonAsync($"/api/people/{person}/ratings", new { instrumentId = chaos, ratedOn = today, personTookPart = true, total = 12, choices = Array.Empty<object>() });
        var future = await worker.PostAsJsonAsync($"/api/people/{person}/ratings", Rating(chaos, today.AddDays(1), [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var trend = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instruments")[0];
        Assert.Equal(26, trend.GetProperty("ratings")[0].GetProperty("total").GetInt32());
        Assert.Equal("Choose a step for Housing", (await ErrorsAsync(missing)).GetProperty("choices.housing")[0].GetString());
        Assert.Contains("not a score", (await ErrorsAsync(score)).GetProperty("choices.risk-to-others")[0].GetString());
        Assert.True((await ErrorsAsync(total)).TryGetProperty("total", out _), "a total sent by the client is refused, named");
        Assert.True((await ErrorsAsync(future)).TryGetProperty("ratedOn", out _));
        var ratings = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{person}/ratings");
        Assert.Equal(1, ratings.GetProperty("instruments")[0].GetProperty("ratings").GetArrayLength());
    }

    [Fact]
    public async Task AnInstrument_WithDuplicateDomainsOrUnorderedSteps_IsRefusedFieldByField_AndOnlyAdministratorsDefineThem()
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var steps = new[] { new { label = "Low", score = 0 }, new { label = "High", score = 1 } };
        var body = new
        {
            name = "Our scale",
            direction = "HigherIsBetter",
            rerateEveryWeeks = 8,
            domains = new object[]
            {
                new { key = "mood", name = "Mood", steps },
                new { key = "mood", name = "Mood", steps },
                new { key = "sleep", name = "Sleep", steps = steps.Reverse() },
            },
        };

        var refused = await admin.PostAsJsonAsync("/api/instruments", body);
        var byWorker = await worker.PostAsJsonAsync("/api/instruments", body);

        var errors = await ErrorsAsync(refused);
        Assert.True(errors.TryGetProperty("domains[1].key", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("domains[2].steps[1].score", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
    }

    [Fact]
    public async Task AStepThatIsNotAWholeNumber_IsRefusedNamingItsDomain()
    {
        var (worker, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddPersonAsync(worker);
        var chaos = await ChaosIndexIdAsync(worker);
        var today = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);
        var choices = string.Join(',', Keys.Select(k => $$"""{"domain":"{{k}}","step":{{(k == "risk-to-others" ? "3.5" : "1")}}}"""));

        var refused = await worker.PostAsync($"/api/people/{person}/ratings", new StringContent(
            $$"""{"instrumentId":"{{chaos}}","ratedOn":"{{today:yyyy-MM-dd}}","personTookPart":true,"choices":[{{choices}}]}""", System.Text.Encoding.UTF8, "application/json"));

        var errors = await ErrorsAsync(refused);
        Assert.Equal("Choose a step for Risk to others from 0 to 4", errors.GetProperty("choices.risk-to-others")[0].GetString());
        Assert.False(errors.TryGetProperty("choices[3].step", out _));
        var ratings = await worker.GetFromJsonAsync<JsonElement>($"/api/people/{person}/ratings");
        Assert.All(ratings.GetProperty("instruments").EnumerateArray(), i => Assert.Equal(0, i.GetProperty("ratings").GetArrayLength()));
    }

    private static object Rating(Guid instrument, DateOnly on, int[] steps, string? skip = null) => new
    {
        instrumentId = instrument,
        ratedOn = on,
        personTookPart = true,
        choices = Keys.Select((k, i) => new { domain = k, step = steps[i], evidence = $"Seen at the visit: {k}" }).Where(c => c.domain != skip),
    };

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    private static async Task<Guid> ChaosIndexIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/instruments")).EnumerateArray()
            .Single(i => i.GetProperty("key").GetString() == "chaos-index-ndt").GetProperty("id").GetGuid();

    private static async Task<string> AddPersonAsync(HttpClient worker)
    {
        var added = await worker.PostAsJsonAsync("/api/people", new { givenName = "Rae", familyName = "Rated" + Guid.NewGuid().ToString("N")[..8], dateOfBirth = "1979-02-03", confirmedNew = true });
        return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
