namespace Locality.Application.Organisations.IdentityProviders;

/// <summary>
/// The addresses in Locality a council registers at its provider for one of its providers, named by the provider's
/// short name. They are paths: the web front end puts its own address before them.
/// </summary>
public static class ProviderAddresses
{
    public static string Callback(string key) => $"/sign-in/oidc/{key}/callback";

    public static string FrontChannelLogout(string key) => $"/sign-in/oidc/{key}/front-channel-logout";

    public static string BackChannelLogout(string key) => $"/sign-in/oidc/{key}/back-channel-logout";
}
