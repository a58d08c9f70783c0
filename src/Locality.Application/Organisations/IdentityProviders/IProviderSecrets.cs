namespace Locality.Application.Organisations.IdentityProviders;

/// <summary>
/// Whether the client secret a provider's settings name has been put in configuration
/// (<c>IdentityProviders:Secrets:{name}</c>). Only whether it is there: its value never reaches a use case.
/// </summary>
public interface IProviderSecrets
{
    bool IsSet(string secretName);
}
