using Locality.Domain.Common;

namespace Locality.Domain.Plans;

public readonly record struct PlanId(Guid Value)
{
    public static PlanId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct PlanVersionId(Guid Value)
{
    public static PlanVersionId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct StrengthId(Guid Value)
{
    public static StrengthId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

/// <summary>A goal inside a plan's content: kept in the plan's JSON as the bare Guid.</summary>
public readonly record struct PlanGoalId(Guid Value)
{
    public static PlanGoalId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}

/// <summary>A step inside a plan's content: kept in the plan's JSON as the bare Guid.</summary>
public readonly record struct PlanStepId(Guid Value)
{
    public static PlanStepId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}
