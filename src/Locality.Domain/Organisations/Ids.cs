namespace Locality.Domain.Organisations;

public readonly record struct LocalityId(Guid Value)
{
    public static LocalityId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct AgencyId(Guid Value)
{
    public static AgencyId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct TeamId(Guid Value)
{
    public static TeamId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct UserId(Guid Value)
{
    public static UserId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct ApiKeyId(Guid Value)
{
    public static ApiKeyId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}
