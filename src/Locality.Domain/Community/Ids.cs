using Locality.Domain.Common;

namespace Locality.Domain.Community;

public readonly record struct CommunityGroupId(Guid Value)
{
    public static CommunityGroupId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct ConnectionId(Guid Value)
{
    public static ConnectionId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}
