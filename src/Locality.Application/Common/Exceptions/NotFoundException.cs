namespace Locality.Application.Common.Exceptions;

/// <summary>What was asked for does not exist, or the sender may not know that it exists.</summary>
public sealed class NotFoundException(string what) : ApplicationFailure($"{what} was not found.")
{
    public override FailureCategory Category => FailureCategory.NotFound;

    public string What { get; } = what;
}
