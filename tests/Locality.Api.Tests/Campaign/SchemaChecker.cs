using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace Locality.Api.Tests.Campaign;

/// <summary>
/// Checks a JSON value against a schema from the API's OpenAPI document, for the part of JSON Schema the document
/// uses: type (with null), required, properties, additionalProperties, enum, const, oneOf/anyOf/allOf, items, the
/// formats uuid, date, date-time and int32/int64, and the length, size and range limits. Returns what does not
/// match, each with its place in the value.
/// </summary>
internal static partial class SchemaChecker
{
    private const int DeepestNesting = 64;

    public static IReadOnlyList<string> Problems(JsonElement value, IOpenApiSchema schema)
    {
        var problems = new List<string>();
        Check(value, schema, "$", problems, 0);
        return problems;
    }

    private static void Check(JsonElement value, IOpenApiSchema schema, string at, List<string> problems, int depth)
    {
        if (depth > DeepestNesting)
        {
            problems.Add($"{at}: nested deeper than {DeepestNesting}");
            return;
        }

        foreach (var part in schema.AllOf ?? [])
        {
            Check(value, part, at, problems, depth + 1);
        }

        foreach (var (alternatives, word) in new[] { (schema.OneOf, "oneOf"), (schema.AnyOf, "anyOf") })
        {
            if (alternatives is { Count: > 0 } && !alternatives.Any(alternative => Problems(value, alternative, depth).Count == 0))
            {
                problems.Add($"{at}: matches none of the {word} alternatives: {Show(value)}");
            }
        }

        if (schema.Type is { } type && !OfType(value, type))
        {
            problems.Add($"{at}: expected {type}, got {value.ValueKind} {Show(value)}");
            return;
        }

        if (schema.Enum is { Count: > 0 } allowed && value.ValueKind != JsonValueKind.Null
            && !allowed.Any(option => option is not null && JsonElement.DeepEquals(JsonDocument.Parse(option.ToJsonString()).RootElement, value)))
        {
            problems.Add($"{at}: {Show(value)} is not one of {string.Join(", ", allowed.Select(o => o?.ToJsonString()))}");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckText(value.GetString()!, schema, at, problems);
                break;
            case JsonValueKind.Number:
                CheckNumber(value, schema, at, problems);
                break;
            case JsonValueKind.Array:
                CheckList(value, schema, at, problems, depth);
                break;
            case JsonValueKind.Object:
                CheckObject(value, schema, at, problems, depth);
                break;
        }
    }

    private static List<string> Problems(JsonElement value, IOpenApiSchema schema, int depth)
    {
        var problems = new List<string>();
        Check(value, schema, "$", problems, depth + 1);
        return problems;
    }

    private static bool OfType(JsonElement value, JsonSchemaType type) => value.ValueKind switch
    {
        JsonValueKind.Null => type.HasFlag(JsonSchemaType.Null),
        JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonSchemaType.Boolean),
        JsonValueKind.String => type.HasFlag(JsonSchemaType.String),
        JsonValueKind.Number => type.HasFlag(JsonSchemaType.Number) || (type.HasFlag(JsonSchemaType.Integer) && IsWhole(value)),
        JsonValueKind.Array => type.HasFlag(JsonSchemaType.Array),
        JsonValueKind.Object => type.HasFlag(JsonSchemaType.Object),
        _ => false,
    };

    private static bool IsWhole(JsonElement number) =>
        number.TryGetInt64(out _) || (number.TryGetDecimal(out var d) && d == decimal.Truncate(d));

    private static void CheckText(string text, IOpenApiSchema schema, string at, List<string> problems)
    {
        var length = text.EnumerateRunes().Count();
        if (schema.MaxLength is { } max && length > max)
        {
            problems.Add($"{at}: {length} characters, more than the documented {max}");
        }

        if (schema.MinLength is { } min && length < min)
        {
            problems.Add($"{at}: {length} characters, fewer than the documented {min}");
        }

        if (schema.Const is { } constant && text != constant)
        {
            problems.Add($"{at}: {Show(text)} is not the documented constant {constant}");
        }

        var wellFormed = schema.Format switch
        {
            "uuid" => Guid.TryParseExact(text, "D", out _),
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date-time" => DateTime().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => true,
        };
        if (!wellFormed)
        {
            problems.Add($"{at}: {Show(text)} is not a {schema.Format}");
        }

        if (schema.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            problems.Add($"{at}: {Show(text)} does not match {pattern}");
        }
    }

    private static void CheckNumber(JsonElement number, IOpenApiSchema schema, string at, List<string> problems)
    {
        if (!number.TryGetDecimal(out var value))
        {
            value = (decimal)Math.Clamp(number.GetDouble(), (double)decimal.MinValue, (double)decimal.MaxValue);
        }

        if (schema.Maximum is { } maximum && decimal.TryParse(maximum, CultureInfo.InvariantCulture, out var max) && value > max)
        {
            problems.Add($"{at}: {value} is more than the documented maximum {max}");
        }

        if (schema.Minimum is { } minimum && decimal.TryParse(minimum, CultureInfo.InvariantCulture, out var min) && value < min)
        {
            problems.Add($"{at}: {value} is less than the documented minimum {min}");
        }

        var fits = schema.Format switch
        {
            "int32" => number.TryGetInt32(out _),
            "int64" => number.TryGetInt64(out _),
            "uint32" => number.TryGetUInt32(out _),
            _ => true,
        };
        if (!fits)
        {
            problems.Add($"{at}: {value} does not fit the documented format {schema.Format}");
        }
    }

    private static void CheckList(JsonElement list, IOpenApiSchema schema, string at, List<string> problems, int depth)
    {
        var count = list.GetArrayLength();
        if (schema.MaxItems is { } max && count > max)
        {
            problems.Add($"{at}: {count} items, more than the documented {max}");
        }

        if (schema.MinItems is { } min && count < min)
        {
            problems.Add($"{at}: {count} items, fewer than the documented {min}");
        }

        if (schema.Items is { } items)
        {
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                Check(item, items, $"{at}[{index++}]", problems, depth + 1);
            }
        }
    }

    private static void CheckObject(JsonElement body, IOpenApiSchema schema, string at, List<string> problems, int depth)
    {
        var properties = schema.Properties ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var required in schema.Required ?? new HashSet<string>())
        {
            if (!body.TryGetProperty(required, out _))
            {
                problems.Add($"{at}: the required {required} is missing");
            }
        }

        foreach (var member in body.EnumerateObject())
        {
            if (properties.TryGetValue(member.Name, out var property))
            {
                Check(member.Value, property, $"{at}.{member.Name}", problems, depth + 1);
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                Check(member.Value, additional, $"{at}.{member.Name}", problems, depth + 1);
            }
            else if (!schema.AdditionalPropertiesAllowed)
            {
                problems.Add($"{at}: {member.Name} is not documented, and the schema allows nothing else");
            }
        }
    }

    private static string Show(JsonElement value) => Show(value.GetRawText());

    private static string Show(string text) => text.Length > 80 ? text[..80] + "…" : text;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTime();
}
