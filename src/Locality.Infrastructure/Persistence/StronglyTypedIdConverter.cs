using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Locality.Infrastructure.Persistence;

/// <summary>
/// Stores a strongly-typed id (a record struct with one Guid <c>Value</c> and a constructor taking it) as a uuid.
/// One converter for every id type, built from the type's shape.
/// </summary>
public sealed class StronglyTypedIdConverter<TId>() : ValueConverter<TId, Guid>(ToGuid, FromGuid)
    where TId : struct
{
    private static readonly Expression<Func<TId, Guid>> ToGuid = BuildToGuid();
    private static readonly Expression<Func<Guid, TId>> FromGuid = BuildFromGuid();

    private static Expression<Func<TId, Guid>> BuildToGuid()
    {
        var id = Expression.Parameter(typeof(TId), "id");
        return Expression.Lambda<Func<TId, Guid>>(Expression.Property(id, "Value"), id);
    }

    private static Expression<Func<Guid, TId>> BuildFromGuid()
    {
        var value = Expression.Parameter(typeof(Guid), "value");
        var constructor = typeof(TId).GetConstructor([typeof(Guid)])
                          ?? throw new InvalidOperationException($"{typeof(TId).Name} needs a constructor taking a Guid.");
        return Expression.Lambda<Func<Guid, TId>>(Expression.New(constructor, value), value);
    }
}

public static class StronglyTypedIds
{
    public static bool IsStronglyTypedId(Type type) =>
        type is { IsValueType: true, Name: var name } && name.EndsWith("Id", StringComparison.Ordinal)
        && type.GetProperty("Value")?.PropertyType == typeof(Guid)
        && type.GetConstructor([typeof(Guid)]) is not null;
}

/// <summary>
/// Writes a strongly-typed id inside a jsonb value as its bare Guid, so that the stored JSON is what it was when
/// those ids were plain Guids.
/// </summary>
public sealed class StronglyTypedIdJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => StronglyTypedIds.IsStronglyTypedId(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Of<>).MakeGenericType(typeToConvert))!;

    private sealed class Of<TId> : JsonConverter<TId>
        where TId : struct
    {
        private static readonly StronglyTypedIdConverter<TId> Converter = new();
        private static readonly Func<TId, Guid> ToGuid = Converter.ConvertToProviderExpression.Compile();
        private static readonly Func<Guid, TId> FromGuid = Converter.ConvertFromProviderExpression.Compile();

        public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => FromGuid(reader.GetGuid());

        public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) => writer.WriteStringValue(ToGuid(value));
    }
}
