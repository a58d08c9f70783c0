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

    /// <summary>When the session came through a provider that answers, a sign-out there too (coming back to the signed-out page); otherwise null.</summary>
    public async Task<IActionResult?> SignOutAddressAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(LocalityClaimTypes.SignInProviderKey) is not { } key || schemes.Known(key) is not { } provider)
        {
            return null;
        }

        var scheme = await schemes.EnsureAsync(provider);
        var providerOptions = options.Get(scheme);
        var configuration = providerOptions.ConfigurationManager is null ? null : await TryConfigurationAsync(providerOptions, cancellationToken);
        if (string.IsNullOrEmpty(configuration?.EndSessionEndpoint))
        {
            return null;
        }

        return new SignOutResult([scheme], new AuthenticationProperties { RedirectUri = Paths.SignedOut });
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
