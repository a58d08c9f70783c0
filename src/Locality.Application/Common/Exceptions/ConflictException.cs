namespace Locality.Application.Common.Exceptions;

/// <summary>The change clashes with the current state: a business rule, a duplicate, or someone else's newer change.</summary>
public sealed class ConflictException(string message, ConflictKind kind = ConflictKind.BusinessRule, Exception? inner = null)
    : ApplicationFailure(message, inner)
{
    public const string StaleVersionMessage =
        "Someone else changed this while you were working on it. Reload it to see their change, then make yours again.";

    public override FailureCategory Category => FailureCategory.Conflict;

    public ConflictKind Kind { get; } = kind;

    public static ConflictException StaleVersion(Exception? inner = null) => new(StaleVersionMessage, ConflictKind.StaleVersion, inner);
}

public enum ConflictKind
{
    BusinessRule,
    StaleVersion,
    Duplicate,
}
