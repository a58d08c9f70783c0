namespace Locality.Application.Common.Exceptions;

/// <summary>The sender is signed in but may not do this.</summary>
public sealed class ForbiddenException(string message = "You do not have permission to do this.") : ApplicationFailure(message)
{
    public override FailureCategory Category => FailureCategory.Forbidden;
}
