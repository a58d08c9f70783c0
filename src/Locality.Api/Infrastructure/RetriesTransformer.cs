using Locality.Application.Common.Idempotency;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Locality.Api.Infrastructure;

/// <summary>
/// What a caller needs to retry safely, written into the OpenAPI document: every write takes an optional
/// <c>Idempotency-Key</c> (the same key and body give the first answer again; the same key with another body is 422),
/// and every operation can answer 503 with Retry-After while the database is briefly away.
/// </summary>
internal sealed class RetriesTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        var problem = operation.Responses.Values
            .Select(response => response.Content is { } content && content.TryGetValue(ProblemJson, out var media) ? media : null)
            .FirstOrDefault(media => media is not null);
        var method = context.Description.HttpMethod ?? "";
        if (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method))
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

        Add(operation.Responses, "503", "The database is briefly unavailable: wait for the number of seconds in Retry-After and try again.", problem, retryAfter: true);
        return Task.CompletedTask;
    }

    private static void Add(OpenApiResponses responses, string status, string description, OpenApiMediaType? problem, bool retryAfter = false)
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

        if (retryAfter)
        {
            response.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before trying again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "3600" },
            };
        }

        responses[status] = response;
    }
}
