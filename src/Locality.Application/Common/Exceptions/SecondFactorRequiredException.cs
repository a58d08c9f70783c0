namespace Locality.Application.Common.Exceptions;

/// <summary>
/// A serious act needs a second factor given no longer ago than <see cref="MaxAge"/>, and the sender's is older (or
/// they signed in without one). The web asks them to confirm it is them; the API asks for a new token.
/// </summary>
public sealed class SecondFactorRequiredException(TimeSpan maxAge)
    : ApplicationFailure("Confirm it is you: give your second factor again to do this.")
{
    public override FailureCategory Category => FailureCategory.NotSignedIn;

    public TimeSpan MaxAge { get; } = maxAge;
}
