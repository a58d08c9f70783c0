using Locality.Domain.Common;

namespace Locality.Domain.Ratings;

public readonly record struct InstrumentId(Guid Value)
{
    public static InstrumentId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct InstrumentVersionId(Guid Value)
{
    public static InstrumentVersionId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct RatingId(Guid Value)
{
    public static RatingId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}
