using Locality.Domain.Common;

namespace Locality.Domain.Organisations;

public readonly record struct LocalityId(Guid Value)
{
    public static LocalityId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct AgencyId(Guid Value)
{
    public static AgencyId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct TeamId(Guid Value)
{
    public static TeamId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct UserId(Guid Value)
{
    public static UserId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct ApiKeyId(Guid Value)
{
    public static ApiKeyId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct IdentityProviderId(Guid Value)
{
    public static IdentityProviderId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct TokenClientId(Guid Value)
{
    public static TokenClientId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}
