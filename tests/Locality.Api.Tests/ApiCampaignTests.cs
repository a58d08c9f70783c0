using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Locality.Api.Tests.Campaign;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Xunit.Abstractions;

namespace Locality.Api.Tests;

/// <summary>
/// A campaign Locality runs on itself. It reads the API's own OpenAPI document and sends every operation, as every
/// kind of caller, first with plausible values and then with what hostile and careless callers send (see
/// <see cref="Locality.Testing.HostileValues"/>), one hostile value at a time. It fails on any server error, any
/// answer the document does not describe (its status, its media type, or a body that breaks the documented schema)
/// and any change a refused request makes to the database. Values come from a seed (LOCALITY_CAMPAIGN_SEED to
/// replay one), and the number of requests is fixed, so a run takes the same path and a similar time each time.
/// </summary>
public sealed class ApiCampaignTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private const ulong DefaultSeed = 20_261_201;

    /// <summary>Hostile requests per operation for each caller it lets through, and for each caller it refuses.</summary>
    private const int HostileWhenLetThrough = 10;

    private const int HostileWhenRefused = 1;

    [Fact]
    public async Task EveryOperation_AsEveryCaller_WithHostileValues_AnswersAsDocumented_AndRefusalsChangeNothing()
    {
        var seed = Environment.GetEnvironmentVariable("LOCALITY_CAMPAIGN_SEED") is { Length: > 0 } given ? ulong.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : DefaultSeed;
        var document = await DocumentAsync();
        var world = await CampaignWorld.BuildAsync(api);
        var writer = new CampaignRequestWriter(world, DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime), new PCG(1, seed));
        var fingerprint = new DatabaseFingerprint(api.Database.ConnectionString);
        await TheFingerprintSeesAChangeAsync(world, fingerprint);
        var failures = new List<CampaignFailure>();
        var answered = new Dictionary<int, int>();
        var sent = 0;
        var clock = Stopwatch.StartNew();

        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var (caller, client) in world.Callers)
            {
                var plausible = writer.Plausible(path, method, operation);
                var letThrough = await SendAndCheckAsync(client, caller, path, operation, plausible, fingerprint, failures, answered);
                sent++;
                for (var i = 0; i < (letThrough ? HostileWhenLetThrough : HostileWhenRefused); i++)
                {
                    await SendAndCheckAsync(client, caller, path, operation, writer.Hostile(path, method, operation), fingerprint, failures, null);
                    sent++;
                }
            }
        }

        output.WriteLine($"The campaign sent {sent} requests in {clock.Elapsed.TotalSeconds:F0} s (seed {seed}).");
        output.WriteLine("Plausible requests answered: " + string.Join(", ", answered.OrderBy(a => a.Key).Select(a => $"{a.Key} × {a.Value}")));
        Assert.True(failures.Count == 0,
            $"The campaign (seed {seed}; replay with LOCALITY_CAMPAIGN_SEED={seed}) found {failures.Count} failures in {sent} requests:\n" +
            string.Join("\n", failures.Take(80)) + (failures.Count > 80 ? $"\n… and {failures.Count - 80} more" : string.Empty));
        Assert.True(sent > 2000, $"Only {sent} requests were sent: the document's operations were not all found.");
    }

    /// <summary>The fingerprint is only worth comparing if a change shows in it: a note added shows.</summary>
    private static async Task TheFingerprintSeesAChangeAsync(CampaignWorld world, DatabaseFingerprint fingerprint)
    {
        var before = await fingerprint.TakeAsync();
        var note = await world.Callers[0].Client.PostAsync($"/api/people/{world.PersonId}/notes", new StringContent("""{"text":"Before the campaign"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.NotEmpty(DatabaseFingerprint.Changed(before, await fingerprint.TakeAsync()));
    }

    private async Task<OpenApiDocument> DocumentAsync()
    {
        var text = await api.CreateClient().GetStringAsync("/openapi/v1.json");
        var read = OpenApiDocument.Parse(text, OpenApiConstants.Json, new OpenApiReaderSettings());
        Assert.True(read.Diagnostic?.Errors is not { Count: > 0 }, "The OpenAPI document does not read: " + string.Join("; ", read.Diagnostic!.Errors.Select(e => e.Message)));
        return read.Document!;
    }

    private static IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        from path in document.Paths.OrderBy(p => p.Key, StringComparer.Ordinal)
        from operation in path.Value.Operations ?? []
        orderby operation.Key.Method
        select (path.Key, operation.Key, operation.Value);

    /// <summary>Sends the request and records what is wrong with the answer. True when the caller was let through (not 401 or 403).</summary>
    private static async Task<bool> SendAndCheckAsync(
        HttpClient client, string caller, string path, OpenApiOperation operation, CampaignRequest request, DatabaseFingerprint fingerprint, List<CampaignFailure> failures,
        Dictionary<int, int>? answered)
    {
        var writes = request.Method != HttpMethod.Get;
        var before = writes ? await fingerprint.TakeAsync() : null;
        using var message = new HttpRequestMessage(request.Method, request.Url);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        }

        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var name = operation.OperationId ?? $"{request.Method} {path}";
        HttpResponseMessage response;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            response = await client.SendAsync(message, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            failures.Add(new CampaignFailure(name, caller, request, 0, string.Empty, $"no answer: {ex.GetType().Name} {ex.Message}"));
            return false;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (answered is not null)
            {
                answered[status] = answered.GetValueOrDefault(status) + 1;
            }

            var body = await response.Content.ReadAsStringAsync();
            foreach (var problem in Problems(operation, response, status, body))
            {
                failures.Add(new CampaignFailure(name, caller, request, status, body, problem));
            }

            if (before is not null && status is >= 400 and < 500)
            {
                var changed = DatabaseFingerprint.Changed(before, await fingerprint.TakeAsync());
                if (changed.Count > 0)
                {
                    failures.Add(new CampaignFailure(name, caller, request, status, body, $"refused, yet changed {string.Join(", ", changed)}"));
                }
            }

            return response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        }
    }

    private static IEnumerable<string> Problems(OpenApiOperation operation, HttpResponseMessage response, int status, string body)
    {
        if (status >= 500)
        {
            yield return $"server error {status}";
        }

        var responses = operation.Responses ?? [];
        if (!responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var documented) && !responses.TryGetValue("default", out documented))
        {
            yield return $"status {status} is not documented (documented: {string.Join(", ", responses.Keys)})";
            yield break;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (documented.Content is not { Count: > 0 } content)
        {
            if (body.Length > 0)
            {
                yield return $"a {mediaType} body where the document says there is none";
            }

            yield break;
        }

        if (mediaType is null || !content.TryGetValue(mediaType, out var media))
        {
            yield return $"media type {mediaType ?? "(none)"} is not documented for {status} (documented: {string.Join(", ", content.Keys)})";
            yield break;
        }

        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            json = default;
        }

        if (json.ValueKind == JsonValueKind.Undefined)
        {
            yield return "the body is not JSON";
            yield break;
        }

        foreach (var problem in media.Schema is { } schema ? SchemaChecker.Problems(json, schema) : [])
        {
            yield return $"breaks the documented {status} schema: {problem}";
        }
    }
}

/// <summary>One thing the campaign found: the operation, who called it, what was sent, and what came back.</summary>
internal sealed record CampaignFailure(string Operation, string Caller, CampaignRequest Request, int Status, string Body, string Problem)
{
    public override string ToString() =>
        $"- {Operation} as {Caller}, {Request.Hostility}: {Problem}\n    sent {Request}\n    got {Status} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
}
