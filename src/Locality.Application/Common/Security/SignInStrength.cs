using Locality.Domain.Access;

namespace Locality.Application.Common.Security;

/// <summary>
/// How the sender of a request signed in: the method, the agency's provider by name where there was one, whether a
/// second factor was part of it, and when a second factor was last given (for the acts that ask for it again).
/// </summary>
public sealed record SignInStrength(SignInMethod Method, string? Provider, bool SecondFactor, DateTimeOffset? SecondFactorAt)
{
    /// <summary>Whether a second factor was given no longer ago than <paramref name="within"/>.</summary>
    public bool HasRecentSecondFactor(DateTimeOffset now, TimeSpan within) =>
        SecondFactorAt is { } at && at <= now.AddMinutes(1) && now - at <= within;

    /// <summary>The method in the words the access log shows.</summary>
    public static string Describe(SignInMethod method) => method switch
    {
        SignInMethod.Password => "Password only",
        SignInMethod.PasswordAndAuthenticator => "Password and authenticator app",
        SignInMethod.PasswordAndRecoveryCode => "Password and recovery code",
        SignInMethod.Passkey => "Passkey",
        SignInMethod.PasswordAndPasskey => "Password and passkey",
        SignInMethod.Provider => "Their agency's sign-in",
        SignInMethod.ProviderAndAuthenticator => "Their agency's sign-in and authenticator app",
        SignInMethod.ProviderAndPasskey => "Their agency's sign-in and passkey",
        SignInMethod.ProviderAndRecoveryCode => "Their agency's sign-in and recovery code",
        SignInMethod.ApiKey => "Partner system key",
        SignInMethod.ClientCredentials => "Partner system token",
        _ => "Not known",
    };
}
