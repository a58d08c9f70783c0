using System.Globalization;
using System.Reflection;
using Locality.Application.Common.Validation;
using Locality.Domain.Conversations;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Locality.Api.Infrastructure;

/// <summary>
/// Says in the OpenAPI document how big every value can be, so a client (and a gateway) knows what the API accepts
/// and answers: identifiers, dates and times by their format; other text at most <see cref="LongestText"/>
/// characters (the longest text Locality keeps; most fields are refused well before that, with a field error
/// saying their own limit); lists at most <see cref="ListLimits.LongestList"/> items (requests with more are
/// refused); whole numbers within their type's range unless the schema already says more.
/// </summary>
internal sealed class BoundsTransformer(ValidatorLimits limits) : IOpenApiSchemaTransformer
{
    public const int LongestText = TimelineEntry.TextMaxLength;

    private static readonly Dictionary<string, int> FormatLengths = new(StringComparer.Ordinal)
    {
        ["uuid"] = 36,
        ["date"] = 10,

        // 2026-11-23T03:15:49.1234567+00:00
        ["date-time"] = 33,

        // 23:59:59.9999999
        ["time"] = 16,
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { DeclaringType: var body } property && (schema.Type ?? 0).HasFlag(JsonSchemaType.String)
            && limits.LongestForBodyMember(body, (property.AttributeProvider as MemberInfo)?.Name ?? property.Name) is { } longest)
        {
            schema.MaxLength = Math.Min(longest, schema.MaxLength ?? longest);
        }

        Bound(schema);
        return Task.CompletedTask;
    }

    private static void Bound(OpenApiSchema schema)
    {
        var type = schema.Type ?? 0;
        if (type.HasFlag(JsonSchemaType.String) && schema.MaxLength is null && schema.Enum is not { Count: > 0 } && schema.Const is null)
        {
            schema.MaxLength = schema.Format is { } format && FormatLengths.TryGetValue(format, out var length) ? length : LongestText;
        }

        if (type.HasFlag(JsonSchemaType.Integer))
        {
            var (min, max) = schema.Format switch
            {
                "int64" => (long.MinValue.ToString(CultureInfo.InvariantCulture), long.MaxValue.ToString(CultureInfo.InvariantCulture)),
                "uint32" => ("0", uint.MaxValue.ToString(CultureInfo.InvariantCulture)),
                "uint64" => ("0", ulong.MaxValue.ToString(CultureInfo.InvariantCulture)),
                _ => (int.MinValue.ToString(CultureInfo.InvariantCulture), int.MaxValue.ToString(CultureInfo.InvariantCulture)),
            };
            schema.Minimum ??= min;
            schema.Maximum ??= max;
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            schema.MaxItems ??= ListLimits.LongestList;
        }

        // Items and maps declared inline (not as their own component) are not given to the transformer separately.
        if (schema.Items is OpenApiSchema items)
        {
            Bound(items);
        }

        if (schema.AdditionalProperties is OpenApiSchema values)
        {
            Bound(values);
        }
    }
}
