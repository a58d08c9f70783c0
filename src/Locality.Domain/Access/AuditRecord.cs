using Locality.Domain.Common;
using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Domain.Access;

public enum AuditAction
{
    /// <summary>Looked at a person's record, or part of it.</summary>
    Read = 1,

    /// <summary>Saw the person in a list: search results, my day, a team's lists.</summary>
    Listed = 2,

    /// <summary>Changed or added to their record.</summary>
    Changed = 3,

    /// <summary>Asked for their record and was refused.</summary>
    Refused = 4,

    /// <summary>Opened their record in an emergency, with a reason.</summary>
    BrokeGlass = 5,

    Exported = 6,
    Imported = 7,
}

/// <summary>How someone signed in, kept on every audit row.</summary>
public enum SignInMethod
{
    Password = 1,
    PasswordAndAuthenticator = 2,
    PasswordAndRecoveryCode = 3,
    Passkey = 4,

    /// <summary>Through their agency's provider; whether it used a second factor is kept beside it.</summary>
    Provider = 5,
    ProviderAndAuthenticator = 6,
    ProviderAndPasskey = 7,
    ProviderAndRecoveryCode = 8,
    ApiKey = 9,

    /// <summary>A partner system's access token from its own provider (OAuth client credentials).</summary>
    ClientCredentials = 10,
    PasswordAndPasskey = 11,
}

/// <summary>
/// One look at, or change to, a person's record: who, their agency, when, which person and part, and why. Only ever
/// added; PostgreSQL refuses to change or delete them.
/// </summary>
public sealed class AuditRecord : IAppendOnly
{
    public const int TextMaxLength = 200;

    private AuditRecord()
    {
        Request = string.Empty;
    }

    public AuditRecord(
        DateTimeOffset at, UserId? userId, ApiKeyId? apiKeyId, AgencyId? agencyId, PersonId? personId, AuditAction action,
        string? sections, string request, string? reason)
    {
        At = at;
        UserId = userId;
        ApiKeyId = apiKeyId;
        AgencyId = agencyId;
        PersonId = personId;
        Action = action;
        Sections = Clip(sections);
        Request = Clip(request) ?? string.Empty;
        Reason = reason is null ? null : reason.Length > BreakGlassGrant.ReasonMaxLength ? reason[..BreakGlassGrant.ReasonMaxLength] : reason;
    }

    /// <summary>The same record, saying how the reader signed in.</summary>
    public AuditRecord SignedInWith(SignInMethod? method, string? provider, bool? secondFactor)
    {
        SignInMethod = method;
        SignInProvider = Clip(provider);
        SignInSecondFactor = secondFactor;
        return this;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public UserId? UserId { get; private set; }
    public ApiKeyId? ApiKeyId { get; private set; }
    public AgencyId? AgencyId { get; private set; }
    public PersonId? PersonId { get; private set; }
    public AuditAction Action { get; private set; }

    /// <summary>Which parts of the record, for example "Identity and contact, Timeline".</summary>
    public string? Sections { get; private set; }

    /// <summary>What was asked: the use case, such as GetPersonPage.</summary>
    public string Request { get; private set; }

    /// <summary>Why, where a reason was given (emergency access).</summary>
    public string? Reason { get; private set; }

    /// <summary>How the reader signed in; none for the service's own jobs and rows written before it was recorded.</summary>
    public SignInMethod? SignInMethod { get; private set; }

    /// <summary>The agency's identity provider they signed in through, by name.</summary>
    public string? SignInProvider { get; private set; }

    /// <summary>Whether a second factor was part of that sign-in (for a provider, as its claims said or Locality's own).</summary>
    public bool? SignInSecondFactor { get; private set; }

    private static string? Clip(string? text) => text is null ? null : text.Length > TextMaxLength ? text[..TextMaxLength] : text;
}
