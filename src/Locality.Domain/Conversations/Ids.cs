using Locality.Domain.Common;

namespace Locality.Domain.Conversations;

public readonly record struct ConversationId(Guid Value)
{
    public static ConversationId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct TimelineEntryId(Guid Value)
{
    public static TimelineEntryId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct AmendmentId(Guid Value)
{
    public static AmendmentId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

public readonly record struct MemberId(Guid Value)
{
    public static MemberId New() => new(OrderedGuid.New());
    public override string ToString() => Value.ToString();
}
