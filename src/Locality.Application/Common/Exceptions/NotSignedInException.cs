namespace Locality.Application.Common.Exceptions;

public sealed class NotSignedInException() : ApplicationFailure("Sign in to do this.")
{
    public override FailureCategory Category => FailureCategory.NotSignedIn;
}
