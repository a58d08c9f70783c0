using System.Globalization;
using System.Text;
using Locality.Application.Common.Security;
using CsCheck;
using Locality.Testing;
using Microsoft.OpenApi;

namespace Locality.Api.Tests.Campaign;

/// <summary>One request the campaign sends: where, with what body, and which value in it (if any) is the hostile one.</summary>
internal sealed record CampaignRequest(HttpMethod Method, string Url, string? Body, string Hostility)
{
    public override string ToString() => $"{Method} {Url}{(Body is null ? string.Empty : " " + (Body.Length > 300 ? Body[..300] + "…" : Body))}";
}

/// <summary>
/// Writes requests for one operation of the document: every value plausible (what a careful client sends, so the
/// request can succeed), or all plausible but one hostile value in one place: a path segment, a query parameter, a
/// field of the body or of an item in one of its lists, or the body's shape itself (a key twice, a field the
/// operation does not know, the wrong JSON type, nothing at all).
/// </summary>
internal sealed class CampaignRequestWriter(CampaignWorld world, DateOnly today, PCG random)
{
    private const string SomeText = "Campaign text";

    public CampaignRequest Plausible(string path, HttpMethod method, OpenApiOperation operation) => Write(path, method, operation, target: null, hostile: null);

    public CampaignRequest Hostile(string path, HttpMethod method, OpenApiOperation operation)
    {
        var targets = Targets(operation);
        var target = targets[(int)random.Next((uint)targets.Count)];
        var hostile = target.Schema is null ? null : For(Effective(target.Schema)).Generate(random, null, out _);
        return Write(path, method, operation, target, hostile);
    }

    private CampaignRequest Write(string path, HttpMethod method, OpenApiOperation operation, Target? target, Hostile? hostile)
    {
        var parameters = operation.Parameters ?? [];
        var url = new StringBuilder();
        foreach (var segment in path.Split('/').Skip(1))
        {
            url.Append('/');
            if (segment.StartsWith('{'))
            {
                var name = segment.Trim('{', '}');
                var value = target is { In: "path" } && target.Name == name ? hostile!.Text ?? hostile.Json : PlausiblePathValue(path, name, parameters);

                // An empty segment is another address (another operation's), not a value of this one.
                value = value.Length == 0 ? " " : value;
                url.Append(HostileValues.UrlEncode(value));
            }
            else
            {
                url.Append(segment);
            }
        }

        var query = new List<string>();
        foreach (var parameter in parameters.Where(p => p.In == ParameterLocation.Query))
        {
            if (target is { In: "query" } && target.Name == parameter.Name)
            {
                query.Add($"{parameter.Name}={HostileValues.UrlEncode(hostile!.Text ?? hostile.Json)}");
            }
            else if (random.Next(3) == 0 && parameter.Schema is { } schema)
            {
                query.Add($"{parameter.Name}={HostileValues.UrlEncode(PlausibleJson(Effective(schema), parameter.Name!, 0).Trim('"'))}");
            }
        }

        if (query.Count > 0)
        {
            url.Append('?').Append(string.Join('&', query));
        }

        var bodySchema = operation.RequestBody?.Content?.TryGetValue("application/json", out var media) is true ? media.Schema : null;
        var body = bodySchema is null ? null : Body(Effective(bodySchema), target, hostile);
        var hostility = target is null ? "plausible values" : $"{target.Describe()}: {(object?)hostile ?? target.Shape}";
        return new CampaignRequest(method, url.ToString(), body, hostility);
    }

    private string Body(IOpenApiSchema schema, Target? target, Hostile? hostile)
    {
        switch (target?.Shape)
        {
            case "no body":
                return string.Empty;
            case "the wrong JSON type":
                return HostileValues.WrongType().Generate(random, null, out _).Json;
        }

        var members = Members(schema, 0);
        if (target is { In: "body" } && hostile is not null)
        {
            var index = members.FindIndex(m => m.Key == target.Name);
            var value = target.ItemField is null
                ? hostile.Json
                : $"[{Object(Members(Effective(Effective(schema.Properties![target.Name!]).Items!), 1, target.ItemField, hostile.Json))}]";
            if (index >= 0)
            {
                members[index] = (target.Name!, value);
            }
            else
            {
                members.Add((target.Name!, value));
            }
        }

        if (target?.Shape == "a key twice" && members.Count > 0)
        {
            var first = members[0];
            var property = schema.Properties![first.Key];
            members.Add((first.Key, For(Effective(property)).Generate(random, null, out _).Json));
        }

        if (target?.Shape == "a field the operation does not know")
        {
            members.Add(("isAdmin", "true"));
        }

        return Object(members);
    }

    private List<(string Key, string Json)> Members(IOpenApiSchema schema, int depth, string? hostileField = null, string? hostileJson = null)
    {
        var members = new List<(string Key, string Json)>();
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (name == hostileField)
            {
                members.Add((name, hostileJson!));
            }
            else if (schema.Required?.Contains(name) == true || random.Next(2) == 0)
            {
                members.Add((name, PlausibleJson(Effective(property), name, depth + 1)));
            }
        }

        return members;
    }

    private static string Object(IEnumerable<(string Key, string Json)> members) =>
        "{" + string.Join(',', members.Select(m => $"{HostileValues.JsonString(m.Key)}:{m.Json}")) + "}";

    private string PlausibleJson(IOpenApiSchema schema, string name, int depth)
    {
        if (schema.Enum is { Count: > 0 } choices)
        {
            return choices[(int)random.Next((uint)choices.Count)]!.ToJsonString();
        }

        var type = (schema.Type ?? JsonSchemaType.Object) & ~JsonSchemaType.Null;
        return type switch
        {
            JsonSchemaType.String => HostileValues.JsonString(PlausibleText(schema, name)),
            JsonSchemaType.Integer => Math.Max(schema.Minimum is { } min ? long.Parse(min, CultureInfo.InvariantCulture) : 0, name.Contains("age", StringComparison.OrdinalIgnoreCase) ? 40 : 0).ToString(CultureInfo.InvariantCulture),
            JsonSchemaType.Number => "1",
            JsonSchemaType.Boolean => random.Next(2) == 0 ? "true" : "false",
            JsonSchemaType.Array when schema.Items is { } items && depth < 3 && random.Next(2) == 0 => $"[{PlausibleJson(Effective(items), name, depth + 1)}]",
            JsonSchemaType.Array => "[]",
            _ when depth < 3 => Object(Members(schema, depth)),
            _ => "{}",
        };
    }

    private string PlausibleText(IOpenApiSchema schema, string name) => schema.Format switch
    {
        "uuid" => PlausibleId(name).ToString(),
        "date" => today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "date-time" => today.ToDateTime(new TimeOnly(9, 30), DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        _ => name.ToLowerInvariant() switch
        {
            "email" => $"campaign.{random.Next(1_000_000)}@example.org",
            "password" or "newpassword" => "a long enough campaign password 1!",
            "postcode" => "WN7 1AA",
            "priceyear" or "year" => "2024/25",
            "roles" => Roles.KeyWorker,
            _ => SomeText[..Math.Min(SomeText.Length, schema.MaxLength ?? SomeText.Length)],
        },
    };

    private Guid PlausibleId(string name) => name.ToLowerInvariant() switch
    {
        var n when n.Contains("agency", StringComparison.Ordinal) => world.PartnerAgencyId,
        var n when n.Contains("team", StringComparison.Ordinal) => world.TeamId,
        var n when n.Contains("locality", StringComparison.Ordinal) => world.LocalityId,
        var n when n.Contains("instrument", StringComparison.Ordinal) => world.InstrumentId,
        var n when n.Contains("person", StringComparison.Ordinal) => world.OtherPersonId,
        var n when n.Contains("worker", StringComparison.Ordinal) || n.Contains("user", StringComparison.Ordinal) || n.Contains("owner", StringComparison.Ordinal) => world.BystanderId,
        _ => world.KnownIds[(int)random.Next((uint)world.KnownIds.Count)],
    };

    private string PlausiblePathValue(string path, string name, IList<IOpenApiParameter> parameters)
    {
        var schema = parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Name == name)?.Schema;
        if (schema?.Format != "uuid")
        {
            return name == "code" ? "CAMPAIGN" + random.Next(100) : "asb";
        }

        return (name, path) switch
        {
            ("id", _) when path.StartsWith("/api/people/", StringComparison.Ordinal) || path.StartsWith("/api/shared/people/", StringComparison.Ordinal) => world.PersonId.ToString(),
            ("id", _) when path.StartsWith("/api/agencies/", StringComparison.Ordinal) => world.PartnerAgencyId.ToString(),
            ("id", _) when path.StartsWith("/api/teams/", StringComparison.Ordinal) => world.TeamId.ToString(),
            ("id", _) when path.StartsWith("/api/localities/", StringComparison.Ordinal) => world.LocalityId.ToString(),
            ("id", _) when path.StartsWith("/api/users/", StringComparison.Ordinal) => world.BystanderId.ToString(),
            ("id", _) when path.StartsWith("/api/instruments/", StringComparison.Ordinal) => world.InstrumentId.ToString(),
            ("agencyId", _) => world.PartnerAgencyId.ToString(),
            _ => Guid.NewGuid().ToString(),
        };
    }

    private Gen<Hostile> For(IOpenApiSchema schema)
    {
        if (schema.Enum is { Count: > 0 } choices)
        {
            return HostileValues.Choice([.. choices.Select(c => c!.ToJsonString().Trim('"'))]);
        }

        var type = (schema.Type ?? JsonSchemaType.Object) & ~JsonSchemaType.Null;
        var specific = type switch
        {
            JsonSchemaType.String => schema.Format switch
            {
                "uuid" => HostileValues.Id(world.KnownIds),
                "date-time" => HostileValues.DateTime(),
                "date" => HostileValues.Date(),
                _ => HostileValues.Text(schema.MaxLength),
            },
            JsonSchemaType.Integer => HostileValues.Integer(),
            JsonSchemaType.Number => HostileValues.Decimal(),
            JsonSchemaType.Boolean => HostileValues.Boolean(),
            JsonSchemaType.Array => Gen.OneOf(
                HostileValues.WrongType(),
                Gen.Const(() => new Hostile("overlong-list", "[" + string.Join(',', Enumerable.Repeat(schema.Items is { } items ? PlausibleJson(Effective(items), "item", 2) : "null", (schema.MaxItems ?? 1000) + 1)) + "]", null))),
            _ => HostileValues.WrongType(),
        };
        return Gen.Frequency((7, specific), (1, HostileValues.WrongType()));
    }

    private static List<Target> Targets(OpenApiOperation operation)
    {
        var targets = new List<Target>();
        foreach (var parameter in operation.Parameters ?? [])
        {
            targets.Add(new Target(parameter.In == ParameterLocation.Path ? "path" : "query", parameter.Name, null, parameter.Schema, null));
        }

        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) is true && media.Schema is { } body)
        {
            foreach (var (name, property) in Effective(body).Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                targets.Add(new Target("body", name, null, property, null));
                var items = Effective(property).Items is { } item ? Effective(item) : null;
                foreach (var (field, fieldSchema) in items?.Properties ?? new Dictionary<string, IOpenApiSchema>())
                {
                    targets.Add(new Target("body", name, field, fieldSchema, null));
                }
            }

            targets.AddRange(new[] { "a key twice", "a field the operation does not know", "the wrong JSON type", "no body" }
                .Select(shape => new Target("body", null, null, null, shape)));
        }

        return targets.Count > 0 ? targets : [new Target("query", "unexpected", null, new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 }, null)];
    }

    /// <summary>A nullable value is documented as oneOf null or the schema; the schema is what is checked and varied.</summary>
    internal static IOpenApiSchema Effective(IOpenApiSchema schema) =>
        (schema.OneOf ?? schema.AnyOf) is { Count: > 0 } alternatives
            ? alternatives.FirstOrDefault(a => a.Type is not JsonSchemaType.Null) ?? schema
            : schema;

    private sealed record Target(string In, string? Name, string? ItemField, IOpenApiSchema? Schema, string? Shape)
    {
        public string Describe() => Shape is not null ? "the body" : $"{In} {Name}{(ItemField is null ? string.Empty : $"[0].{ItemField}")}";
    }
}
