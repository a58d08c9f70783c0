using Locality.Domain.Common;

namespace Locality.Domain.Demand;

public readonly record struct DemandEventId(Guid Value)
{
    public static DemandEventId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct DemandReclassificationId(Guid Value)
{
    public static DemandReclassificationId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct DemandImportId(Guid Value)
{
    public static DemandImportId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct DemandMatchOfferId(Guid Value)
{
    public static DemandMatchOfferId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct ServiceCostId(Guid Value)
{
    public static ServiceCostId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}
