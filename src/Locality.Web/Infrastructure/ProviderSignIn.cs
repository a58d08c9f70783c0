using System.Security.Claims;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Identity.Providers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Locality.Web.Infrastructure;

/// <summary>Sending a worker to their agency's provider, and signing out there too when that is where they signed in.</summary>
public sealed class ProviderSignIn(ProviderSchemes schemes, IOptionsMonitor<OpenIdConnectOptions> options)
{
    /// <summary>
    /// To the provider, with the email typed as a hint; or, when the provider is not answering, to a page saying so
    /// (named break-glass administrators can still sign in with a password).
    /// </summary>
    public async Task<IActionResult> ChallengeAsync(IdentityProvider provider, string email, string returnUrl, bool confirmOnly, CancellationToken cancellationToken)
    {
        var scheme = await schemes.EnsureAsync(provider);
        if (!await ProviderSchemes.AnswersAsync(options.Get(scheme), cancellationToken))
        {
            return new RedirectResult($"{ProviderSchemes.PathPrefix}{provider.Key}/problem?reason=down");
        }

        var properties = new AuthenticationProperties
        {
            RedirectUri = $"{ProviderSchemes.FinishPath(provider.Key)}?returnUrl={Uri.EscapeDataString(returnUrl)}{(confirmOnly ? "&confirm=true" : string.Empty)}",
        };
        properties.Items["login_hint"] = email;
        if (confirmOnly)
        {
            // Confirming it is you: the provider must ask again now, not remember an earlier sign-in.
            properties.Items["max_age"] = "0";
        }

        return new ChallengeResult(scheme, properties);
    }

    /// <summary>The provider a session came through, when it offers signing out there too; otherwise null.</summary>
    public async Task<IdentityProvider?> SignsOutAtAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.FindFirstValue(LocalityClaimTypes.SignInProviderKey) is { } key && schemes.Known(key) is { } provider
        && await EndSessionEndpointAsync(provider, cancellationToken) is not null
            ? provider
            : null;

    /// <summary>Signing out at the provider (its end-session endpoint), coming back to the signed-out page.</summary>
    public async Task<IActionResult> SignOutThereAsync(IdentityProvider provider, CancellationToken cancellationToken) =>
        await EndSessionEndpointAsync(provider, cancellationToken) is null
            ? new RedirectResult(Paths.SignedOut)
            : new SignOutResult([await schemes.EnsureAsync(provider)], new AuthenticationProperties { RedirectUri = Paths.SignedOut });

    private async Task<string?> EndSessionEndpointAsync(IdentityProvider provider, CancellationToken cancellationToken)
    {
        var providerOptions = options.Get(await schemes.EnsureAsync(provider));
        var configuration = providerOptions.ConfigurationManager is null ? null : await TryConfigurationAsync(providerOptions, cancellationToken);
        return string.IsNullOrEmpty(configuration?.EndSessionEndpoint) ? null : configuration.EndSessionEndpoint;
    }

    private static async Task<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration?> TryConfigurationAsync(OpenIdConnectOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException)
        {
            return null;
        }
    }
}
