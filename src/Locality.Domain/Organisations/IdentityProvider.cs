using Locality.Domain.Common;

namespace Locality.Domain.Organisations;

/// <summary>What Locality does when a provider's sign-in does not say a second factor was used.</summary>
public enum ProviderWithoutSecondFactor
{
    /// <summary>Locality asks for its own second factor (an authenticator app or a passkey) before letting them in.</summary>
    AskLocality = 1,

    /// <summary>The sign-in is refused: the agency's provider must ask for a second factor.</summary>
    Refuse = 2,
}

/// <summary>
/// An agency's own OpenID Connect provider (a council's Entra ID tenant, a police force's, NHS CIS2). Staff whose email
/// address is in one of its domains sign in there, not with a Locality password. The client secret is never kept here:
/// only the name of the setting that holds it.
/// </summary>
public sealed class IdentityProvider : AuditableEntity
{
    public const int NameMaxLength = 120;
    public const int KeyMaxLength = 40;
    public const int AuthorityMaxLength = 400;
    public const int ClientIdMaxLength = 200;
    public const int SecretNameMaxLength = 80;
    public const int DomainMaxLength = 200;
    public const int ClaimMaxLength = 100;
    public const int MaxDomains = 20;
    public const int MaxGroups = 100;

    private List<ProviderGroup> groups = [];

    private IdentityProvider()
    {
        Name = string.Empty;
        Key = string.Empty;
        Authority = string.Empty;
        ClientId = string.Empty;
        SecretName = string.Empty;
        GroupsClaim = string.Empty;
        EmailDomains = [];
    }

    public IdentityProvider(IdentityProviderId id, AgencyId agencyId, string key, ProviderSettings settings)
    {
        Id = id;
        AgencyId = agencyId;
        Key = Guard.Text(key, KeyMaxLength, "Key");
        Name = string.Empty;
        Authority = string.Empty;
        ClientId = string.Empty;
        SecretName = string.Empty;
        GroupsClaim = string.Empty;
        EmailDomains = [];
        IsEnabled = true;
        Change(settings);
    }

    public IdentityProviderId Id { get; private set; }
    public AgencyId AgencyId { get; private set; }

    /// <summary>The short name in its addresses (<c>/sign-in/oidc/{key}/callback</c>); never changes, so a registration at the provider stays right.</summary>
    public string Key { get; private set; }

    public string Name { get; private set; }

    /// <summary>The issuer: where its discovery document is (<c>{authority}/.well-known/openid-configuration</c>).</summary>
    public string Authority { get; private set; }

    public string ClientId { get; private set; }

    /// <summary>The name of the setting that holds the client secret (<c>IdentityProviders:Secrets:{name}</c>), never the secret.</summary>
    public string SecretName { get; private set; }

    /// <summary>Lower-case email domains whose staff sign in here. A domain belongs to one provider.</summary>
    public List<string> EmailDomains { get; private set; }

    /// <summary>The claim that carries the person's groups or roles (<c>groups</c>, <c>roles</c>…).</summary>
    public string GroupsClaim { get; private set; }

    /// <summary>Whether a first sign-in by someone Locality does not know makes an account waiting for an administrator.</summary>
    public bool CreatesAccounts { get; private set; }

    public ProviderWithoutSecondFactor WithoutSecondFactor { get; private set; }

    /// <summary>The team an account made by a first sign-in joins until an administrator approves it (or a group mapping names another).</summary>
    public TeamId DefaultTeamId { get; private set; }

    public bool IsEnabled { get; private set; }

    /// <summary>How the provider's groups become Locality roles and a team.</summary>
    public IReadOnlyList<ProviderGroup> Groups => groups;

    public void Change(ProviderSettings settings)
    {
        Name = Guard.Text(settings.Name, NameMaxLength, "Name");
        Authority = Guard.Text(settings.Authority, AuthorityMaxLength, "Authority").TrimEnd('/');
        ClientId = Guard.Text(settings.ClientId, ClientIdMaxLength, "Client id");
        SecretName = Guard.Text(settings.SecretName, SecretNameMaxLength, "Secret name");
        GroupsClaim = Guard.Text(settings.GroupsClaim, ClaimMaxLength, "Groups claim");
        var domains = settings.EmailDomains.Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList();
        if (domains.Count == 0 || domains.Count > MaxDomains)
        {
            throw new BusinessRuleException($"A provider serves between 1 and {MaxDomains} email domains.", nameof(settings.EmailDomains));
        }

        EmailDomains = domains;
        CreatesAccounts = settings.CreatesAccounts;
        WithoutSecondFactor = settings.WithoutSecondFactor;
        DefaultTeamId = settings.DefaultTeamId;
    }

    public void SetEnabled(bool enabled) => IsEnabled = enabled;

    public void MapGroups(IEnumerable<ProviderGroup> mapping)
    {
        var list = mapping.ToList();
        if (list.Count > MaxGroups)
        {
            throw new BusinessRuleException($"A provider maps at most {MaxGroups} groups.", "Groups");
        }

        if (list.GroupBy(g => g.Group, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            throw new BusinessRuleException("Each group is mapped once.", "Groups");
        }

        groups = list;
    }
}

/// <summary>The settings an administrator types for a provider.</summary>
public sealed record ProviderSettings(
    string Name, string Authority, string ClientId, string SecretName, IReadOnlyList<string> EmailDomains, string GroupsClaim,
    bool CreatesAccounts, ProviderWithoutSecondFactor WithoutSecondFactor, TeamId DefaultTeamId);

/// <summary>One group (or role) value from the provider: the Locality role it gives and, optionally, the team it puts them in.</summary>
public sealed record ProviderGroup(string Group, string Role, TeamId? TeamId)
{
    public const int GroupMaxLength = 200;
}

/// <summary>
/// A partner system that calls the API with access tokens from its own provider (OAuth client credentials) instead of
/// a key: a token is accepted when its issuer and client id are registered here for that agency.
/// </summary>
public sealed class TokenClient : AuditableEntity
{
    public const int NameMaxLength = 120;

    private TokenClient()
    {
        Name = string.Empty;
        Issuer = string.Empty;
        ClientId = string.Empty;
    }

    public TokenClient(TokenClientId id, AgencyId agencyId, string name, string issuer, string clientId, string? audience)
    {
        Id = id;
        AgencyId = agencyId;
        Name = Guard.Text(name, NameMaxLength, "Name");
        Issuer = Guard.Text(issuer, IdentityProvider.AuthorityMaxLength, "Issuer").TrimEnd('/');
        ClientId = Guard.Text(clientId, IdentityProvider.ClientIdMaxLength, "Client id");
        Audience = string.IsNullOrWhiteSpace(audience) ? null : Guard.Text(audience, IdentityProvider.ClientIdMaxLength, "Audience");
    }

    public TokenClientId Id { get; private set; }
    public AgencyId AgencyId { get; private set; }
    public string Name { get; private set; }
    public string Issuer { get; private set; }
    public string ClientId { get; private set; }

    /// <summary>The audience the token must carry; when none is set, Locality's own (<c>Api:Audience</c>).</summary>
    public string? Audience { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }
    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(DateTimeOffset at)
    {
        if (IsRevoked)
        {
            throw new BusinessRuleException("This client has already been removed.");
        }

        RevokedAt = at;
    }
}
