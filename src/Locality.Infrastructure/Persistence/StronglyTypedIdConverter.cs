using System.Linq.Expressions;
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
