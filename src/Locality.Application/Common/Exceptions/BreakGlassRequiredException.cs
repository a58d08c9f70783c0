namespace Locality.Application.Common.Exceptions;

/// <summary>
/// A worker asked for the record of someone they are not in the team around. They may open it in an emergency,
/// giving a reason; otherwise they are refused.
/// </summary>
public sealed class BreakGlassRequiredException(Guid personId)
    : ApplicationFailure("You are not in the team around this person. In an emergency you can open their record by giving a reason.")
{
    public override FailureCategory Category => FailureCategory.Forbidden;

    public Guid PersonId { get; } = personId;
}
