namespace Locality.Web.Models;

/// <summary>The first step of signing in: the email address, then (for an address without its agency's provider) the password.</summary>
public sealed class SignInForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }

    /// <summary>A break-glass administrator signing in with a password although their agency has its own provider.</summary>
    public bool UsePassword { get; set; }

    /// <summary>Whether the page asks for the password (the email has been given and signs in with one).</summary>
    public bool AskPassword { get; set; }
}

/// <summary>A code from an authenticator app or a recovery code.</summary>
public sealed class SecondFactorForm
{
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>Setting up an authenticator app: the new secret (sealed, so the browser cannot change it) and its first code.</summary>
public sealed class AuthenticatorSetUpForm
{
    public string? Code { get; set; }

    public string? SealedSecret { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>What the authenticator set-up page shows.</summary>
public sealed record AuthenticatorSetUpPage(AuthenticatorSetUpForm Form, string FormattedSecret, string QrCodeSvg, bool AtSignIn)
{
    /// <summary>The code field, named as the form posts it.</summary>
    public string? Code => null;
}

/// <summary>The recovery codes, shown once.</summary>
public sealed record RecoveryCodesPage(IReadOnlyList<string> Codes, string ContinueTo);

/// <summary>Your own sign-in page.</summary>
public sealed record MySignInPage(string SignedInWith, string? Provider, bool SecondFactor, bool HasAuthenticator, int RecoveryCodesLeft);
