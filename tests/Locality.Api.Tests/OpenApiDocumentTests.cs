using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Locality.Api.Tests.Campaign;
using Locality.Application.Common.Security;
using Locality.Domain.Demand;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Locality.Api.Tests;

/// <summary>The OpenAPI document says what the API does: the answers it gives, the bodies it takes and the limits it keeps.</summary>
public sealed class OpenApiDocumentTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AProblem_WithItsTraceId_MatchesTheDocumentedProblemSchema()
    {
        var (client, _) = await api.SignedInClientAsync(Roles.Admin);
        var document = await DocumentAsync();

        var notFound = await client.GetAsync($"/api/teams/{Guid.NewGuid()}");
        var invalid = await client.PostAsJsonAsync("/api/teams", new { name = "", agencyId = Guid.NewGuid(), localityId = Guid.Empty });

        var operations = document.Paths["/api/teams/{id}"].Operations!;
        var problem = await notFound.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.TryGetProperty("traceId", out _));
        Assert.Empty(SchemaChecker.Problems(problem, operations[HttpMethod.Get].Responses!["404"].Content!["application/problem+json"].Schema!));
        var validation = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(SchemaChecker.Problems(validation, document.Paths["/api/teams"].Operations![HttpMethod.Post].Responses!["400"].Content!["application/problem+json"].Schema!));
    }

    [Fact]
    public async Task EveryRequestBody_IsDocumentedWithItsOwnFields()
    {
        var document = await DocumentAsync();
        var mismatches = new List<string>();
        foreach (var endpoint in api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is not { } body || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods)
            {
                continue;
            }

            var path = "/" + System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!.Trim('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");
            var operation = document.Paths[path].Operations![new HttpMethod(methods.HttpMethods[0])];
            var documented = CampaignRequestWriter.Effective(operation.RequestBody!.Content!["application/json"].Schema!).Properties!.Keys.Order();
            var actual = body.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order();
            if (!documented.SequenceEqual(actual))
            {
                mismatches.Add($"{methods.HttpMethods[0]} {path} takes {body.Name} ({string.Join(", ", actual)}) but is documented with {string.Join(", ", documented)}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    /// <summary>
    /// Every path and query value at its documented longest, each character the widest a URL can carry (nine bytes
    /// percent-encoded), still fits the request line; and a caller who goes past that is told 414, as documented.
    /// </summary>
    [Fact]
    public async Task EveryDocumentedAddress_FitsTheRequestLine_And414IsDocumentedForLongerOnes()
    {
        var document = await DocumentAsync();
        var tooLong = new List<string>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                var parameters = operation.Parameters ?? [];
                var longest = $"{method} {path} HTTP/1.1".Length + parameters.Sum(p =>
                    (p.In == ParameterLocation.Query ? p.Name!.Length + 2 : -p.Name!.Length - 2) + (9 * (p.Schema?.MaxLength ?? 20)));
                if (longest > ParameterBoundsTransformerLongestRequestLine)
                {
                    tooLong.Add($"{method} {path}: up to {longest} bytes");
                }

                Assert.True(operation.Responses!.ContainsKey("414"), $"{method} {path} does not document 414");
            }
        }

        Assert.True(tooLong.Count == 0, string.Join('\n', tooLong));
        var (client, _) = await api.SignedInClientAsync(Roles.KeyWorker);
        var longestName = string.Concat(Enumerable.Repeat("ş", document.Paths["/api/people"].Operations![HttpMethod.Get].Parameters!.Single(p => p.Name == "name").Schema!.MaxLength!.Value));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/people?name=" + Uri.EscapeDataString(longestName))).StatusCode);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, (await client.GetAsync("/api/people?name=" + new string('x', 9000))).StatusCode);
    }

    [Fact]
    public async Task TheLimitsTheValidatorsKeep_AreTheDocumentedOnes()
    {
        var document = await DocumentAsync();
        var operation = document.Paths["/api/costs/unit-costs/{code}"].Operations![HttpMethod.Put];
        var body = CampaignRequestWriter.Effective(operation.RequestBody!.Content!["application/json"].Schema!);

        Assert.Equal(UnitCost.CodeMaxLength, operation.Parameters!.Single(p => p.Name == "code").Schema!.MaxLength);
        Assert.Equal(UnitCost.TextMaxLength, body.Properties!["description"].MaxLength);
        Assert.Equal(100, body.Properties!["unit"].MaxLength);

        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var refused = await admin.PutAsync($"/api/costs/unit-costs/{new string('C', UnitCost.CodeMaxLength + 1)}", new StringContent(
            """{"description":"A visit","unit":"per visit","cost":10,"agency":"Council","priceYear":"2024/25","version":0}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));
    }

    [Fact]
    public void TheSchemaChecker_FindsWhatBreaksASchema()
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "id" },
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
                ["name"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, MaxLength = 3 },
                ["kind"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("A")] },
                ["at"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            },
        };

        Assert.Empty(SchemaChecker.Problems(Json($$"""{"id":"{{Guid.NewGuid()}}","name":null,"kind":"A","at":"2026-01-01T00:00:00+05:30"}"""), schema));
        Assert.Single(SchemaChecker.Problems(Json("""{"name":"ab"}"""), schema));
        Assert.Equal(5, SchemaChecker.Problems(Json("""{"id":"nope","name":"abcd","kind":"B","at":"today","traceId":"x"}"""), schema).Count);
    }

    private const int ParameterBoundsTransformerLongestRequestLine = 8192;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private async Task<OpenApiDocument> DocumentAsync() =>
        OpenApiDocument.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"), OpenApiConstants.Json, new OpenApiReaderSettings()).Document!;
}
