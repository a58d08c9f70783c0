namespace Locality.Application.Common.Exceptions;

/// <summary>
/// A failure the caller caused or must be told about, as opposed to a fault in Locality. Every one says which
/// answer it deserves, so a new failure cannot reach a caller as a server error or reach the error log by being
/// left off a list.
/// </summary>
public abstract class ApplicationFailure(string message, Exception? inner = null) : Exception(message, inner)
{
    public abstract FailureCategory Category { get; }
}

/// <summary>The answers a failure can deserve; each host turns one into its own status code or page.</summary>
public enum FailureCategory
{
    /// <summary>The request's fields are wrong; the caller sees which.</summary>
    InvalidInput,

    /// <summary>Nobody is signed in.</summary>
    NotSignedIn,

    /// <summary>The sender is known but may not do this.</summary>
    Forbidden,

    /// <summary>What was asked for does not exist, or the sender may not know it exists.</summary>
    NotFound,

    /// <summary>The change clashes with what is recorded: a rule, a duplicate, a newer change.</summary>
    Conflict,

    /// <summary>A key already used for a different request.</summary>
    KeyReused,
}
