using Locality.Application.People;

namespace Locality.Application.Common.Exceptions;

/// <summary>
/// Adding this person might make a second record for someone already known. The sender sees who, and either opens
/// the existing record or confirms that this is someone new. A matching NHS number cannot be confirmed away.
/// </summary>
public sealed class LikelyMatchesException(IReadOnlyList<LikelyMatchDto> matches)
    : ApplicationFailure("This may be someone who already has a record.")
{
    public override FailureCategory Category => FailureCategory.Conflict;

    public IReadOnlyList<LikelyMatchDto> Matches { get; } = matches;

    public bool CanConfirmAsNew => Matches.All(m => !m.SameNhsNumber);
}
