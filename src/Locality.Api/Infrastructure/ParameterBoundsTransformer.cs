using Locality.Infrastructure.Web;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Locality.Api.Infrastructure;

/// <summary>
/// Bounds the text a caller puts in the address (path segments and the query string) so that every documented value
/// fits in the longest request line the host reads (<see cref="LongestRequestLine"/> bytes; longer is answered 414):
/// the validator's own limit where it has one, and never more than <see cref="LongestInAddress"/> characters.
/// </summary>
internal sealed class ParameterBoundsTransformer(ValidatorLimits limits) : IOpenApiOperationTransformer
{
    /// <summary>Kestrel's default limit on the request line (method, path, query string and protocol).</summary>
    public const int LongestRequestLine = 8192;

    public const int LongestInAddress = 200;

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var request = context.Description.ActionDescriptor.EndpointMetadata.OfType<SendsAttribute>().FirstOrDefault()?.Request;
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter is not { In: ParameterLocation.Query or ParameterLocation.Path, Schema: OpenApiSchema schema, Name: { } name }
                || !(schema.Type ?? 0).HasFlag(JsonSchemaType.String) || schema.Enum is { Count: > 0 })
            {
                continue;
            }

            var longest = Math.Min(request is null ? LongestInAddress : limits.LongestFor(request, name) ?? LongestInAddress, LongestInAddress);
            schema.MaxLength = Math.Min(longest, schema.MaxLength ?? longest);
        }

        return Task.CompletedTask;
    }
}
