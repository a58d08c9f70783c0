using Locality.Application.Common.Idempotency;
using Locality.Infrastructure.Web;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Locality.Api.Infrastructure;

/// <summary>
/// What every operation can answer, written into the OpenAPI document: the rate-limit headers on every answer, 429
/// (with Retry-After) when a caller goes too fast, 500 when something fails on our side, and the CORS header a
/// browser from an allowed origin is sent, 414 for an address too long to read (answered by the web server, with no
/// body), 503 (with Retry-After) while the database is briefly away, and on every write the optional
/// <c>Idempotency-Key</c> with its 422. Each operation is named after the request it sends, so generated clients get
/// readable method names.
/// </summary>
internal sealed class StandardResponsesTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.OperationId ??= metadata.OfType<SendsAttribute>().FirstOrDefault()?.Request.Name;

        operation.Responses ??= [];
        var problem = operation.Responses.Values
            .Select(response => response.Content is { } content && content.TryGetValue(ProblemJson, out var media) ? media : null)
            .FirstOrDefault(media => media is not null);
        Add(operation.Responses, "414", "The address (path and query string) is longer than the 8,192 bytes the API reads; values within their documented limits always fit.", null);
        if (operation.RequestBody is not null)
        {
            Add(operation.Responses, "413", "The request body is larger than this endpoint accepts.", problem);
        }

        if (IsWrite(context.Description.HttpMethod))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKeys.HeaderName,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Send a new key (a UUID) with each change, and the same key when retrying it: the change is made once, " +
                              "and a retry gets the first answer again. Keys are kept for 24 hours unless the locality sets otherwise.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeys.LongestKey, Pattern = "^[!-~]+$" },
            });
            Add(operation.Responses, "422", "This Idempotency-Key was used before for a different request; nothing was changed.", problem);
        }

        Add(operation.Responses, "429", "Too many requests: wait for the number of seconds in Retry-After.", problem);
        Add(operation.Responses, "500", "Something went wrong on our side; nothing was changed. The problem's traceId helps us find it.", problem);
        Add(operation.Responses, "503", "The database is briefly unavailable: wait for the number of seconds in Retry-After and try again.", problem);

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers.TryAdd("Access-Control-Allow-Origin", new OpenApiHeader
            {
                Description = "Sent only to a browser calling from an origin the locality has allowed (Cors:AllowedOrigins); none is allowed unless configured.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2048, Format = "uri" },
            });
            if (status is "429" or "503")
            {
                concrete.Headers.TryAdd("Retry-After", Header("Seconds to wait before trying again.", 1, 3600));
            }

            if (status.StartsWith('2') || status.StartsWith('4'))
            {
                concrete.Headers.TryAdd(RateLimits.LimitHeader, Header("How many calls this caller may make a minute.", 1, int.MaxValue));
                concrete.Headers.TryAdd(RateLimits.RemainingHeader, Header("How many calls are left in this minute.", 0, int.MaxValue));
                concrete.Headers.TryAdd(RateLimits.ResetHeader, Header("Seconds until the count starts again.", 1, 60));
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsWrite(string? method) =>
        method is not null && (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method));

    private static void Add(OpenApiResponses responses, string status, string description, OpenApiMediaType? problem)
    {
        if (responses.ContainsKey(status))
        {
            return;
        }

        var response = new OpenApiResponse { Description = description, Headers = new Dictionary<string, IOpenApiHeader>() };
        if (problem is not null)
        {
            response.Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = problem };
        }

        responses[status] = response;
    }

    private static OpenApiHeader Header(string description, int minimum, int maximum) => new()
    {
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
