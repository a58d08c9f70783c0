using Locality.Domain.Common;

namespace Locality.Domain.Organisations;

/// <summary>
/// A named key a partner agency's system uses to send data. Only a hash of the secret is kept;
/// the key is shown once, when it is made. A revoked key stays on record.
/// </summary>
public sealed class PartnerApiKey : AuditableEntity
{
    public const int NameMaxLength = 120;

    private PartnerApiKey()
    {
        Name = string.Empty;
        Prefix = string.Empty;
        SecretHash = string.Empty;
    }

    public PartnerApiKey(ApiKeyId id, AgencyId agencyId, string name, string prefix, string secretHash)
    {
        Id = id;
        AgencyId = agencyId;
        Name = Guard.Text(name, NameMaxLength, "Name");
        Prefix = prefix;
        SecretHash = secretHash;
    }

    public ApiKeyId Id { get; private set; }
    public AgencyId AgencyId { get; private set; }
    public string Name { get; private set; }

    /// <summary>The public part of the key, used to find it; unique.</summary>
    public string Prefix { get; private set; }

    public string SecretHash { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public UserId? RevokedBy { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(DateTimeOffset at, UserId? by)
    {
        if (IsRevoked)
        {
            throw new BusinessRuleException("This key has already been revoked.");
        }

        RevokedAt = at;
        RevokedBy = by;
    }

    public void MarkUsed(DateTimeOffset at) => LastUsedAt = at;
}
