using Locality.Domain.Common;

namespace Locality.Domain.People;

public readonly record struct PersonId(Guid Value)
{
    public static PersonId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}
