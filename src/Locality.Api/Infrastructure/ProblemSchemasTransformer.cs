using Locality.Application.Common.Exceptions;
using Locality.Application.People;
using Microsoft.AspNetCore.OpenApi;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Locality.Api.Infrastructure;

/// <summary>
/// The members a Locality problem carries beyond RFC 9457's, written into the ProblemDetails schemas: every problem's
/// traceId, and the kind of a conflict or refusal with what comes with it (the person to open in an emergency, the
/// likely matches of someone being added). Without them the schemas, which allow nothing else, would forbid
/// what every error answer says.
/// </summary>
internal sealed class ProblemSchemasTransformer : IOpenApiDocumentTransformer
{
    private static readonly string[] ProblemSchemas = ["ProblemDetails", "HttpValidationProblemDetails"];

    private static readonly string[] Kinds = [.. Enum.GetNames<ConflictKind>(), "BreakGlassRequired", "LikelyMatches"];

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var matches = await context.GetOrCreateSchemaAsync(typeof(IReadOnlyList<LikelyMatchDto>), null, cancellationToken);
        foreach (var name in ProblemSchemas)
        {
            if (document.Components?.Schemas?.TryGetValue(name, out var found) is not true || found is not OpenApiSchema schema)
            {
                continue;
            }

            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MaxLength = 128,
                Description = "Identifies this request in Locality's logs: quote it when asking for help.",
            };
            schema.Properties["kind"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. Kinds.Select(kind => (JsonNode)JsonValue.Create(kind))],
                Description = "What kind of conflict (409) or refusal (403 BreakGlassRequired) this is.",
            };
            schema.Properties["personId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "uuid",
                MaxLength = 36,
                Description = "With BreakGlassRequired: the person whose record emergency access would open.",
            };
            schema.Properties["canConfirmAsNew"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Boolean,
                Description = "With LikelyMatches: whether sending again with confirmedNew set to true can add the person.",
            };
            matches.Description = "With LikelyMatches: the records this may be.";
            schema.Properties["matches"] = matches;
        }
    }
}
