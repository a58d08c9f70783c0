using Locality.Domain.Organisations;

namespace Locality.Application.Organisations.IdentityProviders;

/// <summary>An agency's provider as an administrator sees it: whether its secret is set, never the secret.</summary>
public sealed record IdentityProviderDto(
    Guid Id,
    Guid AgencyId,
    string AgencyName,
    string Key,
    string Name,
    string Authority,
    string ClientId,
    string SecretName,
    bool SecretIsSet,
    IReadOnlyList<string> EmailDomains,
    string GroupsClaim,
    IReadOnlyList<ProviderGroupDto> Groups,
    Guid DefaultTeamId,
    string DefaultTeamName,
    bool CreatesAccounts,
    ProviderWithoutSecondFactor WithoutSecondFactor,
    bool IsEnabled,
    uint Version)
{
    public string CallbackPath => ProviderAddresses.Callback(Key);

    public string FrontChannelLogoutPath => ProviderAddresses.FrontChannelLogout(Key);

    public string BackChannelLogoutPath => ProviderAddresses.BackChannelLogout(Key);
}

/// <summary>One of the provider's groups, the role it gives and the team it puts someone in (if any).</summary>
public sealed record ProviderGroupDto(string Group, string Role, Guid? TeamId, string? TeamName);

/// <summary>One group mapping as an administrator sends it.</summary>
public sealed record ProviderGroupBody(string? Group, string? Role, Guid? TeamId);
