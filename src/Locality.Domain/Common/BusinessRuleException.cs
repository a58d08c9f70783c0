namespace Locality.Domain.Common;

/// <summary>
/// A change the domain refuses because it would break one of its rules. When the rule is about one value the
/// caller gave, <see cref="Field"/> names it as the domain method's parameter is named, so the caller can be shown
/// the message beside that field rather than as a clash.
/// </summary>
public class BusinessRuleException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
