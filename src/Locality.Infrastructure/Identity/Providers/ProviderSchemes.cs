using System.Collections.Concurrent;
using Locality.Application.Organisations.IdentityProviders;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Locality.Infrastructure.Identity.Providers;

/// <summary>Settings for signing in through agencies' providers, beside IdentityProviderOptions (the same configuration section).</summary>
public sealed class ProviderSignInOptions
{
    public const string Section = "IdentityProviders";

    /// <summary>How long a provider has to answer (discovery, keys, tokens) before the worker is told it is not answering.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary><c>acr</c> values that mean a second factor was used (besides any containing "mfa"), e.g. NHS CIS2's AAL3 levels.</summary>
    public string[] SecondFactorAcrValues { get; set; } = ["AAL3_ANY", "AAL3"];
}

/// <summary>
/// One OpenID Connect scheme per agency provider (<c>oidc-{key}</c>), added while the service runs: an administrator's
/// change is picked up by every instance within <see cref="RefreshAfter"/> (the scheme is made again from the row),
/// and a callback reaching an instance that has not seen the provider yet registers it first
/// (<see cref="EnsureForRequestAsync"/>, before authentication runs).
/// </summary>
public sealed class ProviderSchemes(
    IAuthenticationSchemeProvider schemes,
    IOptionsMonitorCache<OpenIdConnectOptions> optionsCache,
    IConfiguration configuration,
    IOptions<ProviderSignInOptions> signInOptions,
    IOptions<IdentityProviderOptions> providerOptions,
    TimeProvider clock)
{
    public const string PathPrefix = "/sign-in/oidc/";
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (uint Version, DateTimeOffset CheckedAt, IdentityProvider Provider)> known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    public static string SchemeName(string key) => "oidc-" + key;

    public static string LoginProvider(string key) => "oidc:" + key;

    public static string CallbackPath(string key) => ProviderAddresses.Callback(key);

    public static string FinishPath(string key) => $"{PathPrefix}{key}/finish";

    public static string SignedOutPath(string key) => $"{PathPrefix}{key}/signed-out";

    public static string FrontChannelLogoutPath(string key) => ProviderAddresses.FrontChannelLogout(key);

    public static string BackChannelLogoutPath(string key) => ProviderAddresses.BackChannelLogout(key);

    /// <summary>The provider a scheme was made from, as last read.</summary>
    public IdentityProvider? Known(string key) => known.TryGetValue(key, out var entry) ? entry.Provider : null;

    /// <summary>Makes sure the provider's scheme exists and matches its row; returns its name.</summary>
    public async Task<string> EnsureAsync(IdentityProvider provider)
    {
        var name = SchemeName(provider.Key);
        if (known.TryGetValue(provider.Key, out var entry) && entry.Version == provider.Version && await schemes.GetSchemeAsync(name) is not null)
        {
            known[provider.Key] = entry with { CheckedAt = clock.GetUtcNow(), Provider = provider };
            return name;
        }

        await gate.WaitAsync();
        try
        {
            schemes.RemoveScheme(name);
            optionsCache.TryRemove(name);
            known[provider.Key] = (provider.Version, clock.GetUtcNow(), provider);
            schemes.AddScheme(new AuthenticationScheme(name, provider.Name, typeof(OpenIdConnectHandler)));
            return name;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// For a request to one provider's addresses (<c>/sign-in/oidc/{key}/…</c>), registers or refreshes its scheme from
    /// the database first, so the callback is handled on whichever instance it reaches.
    /// </summary>
    public async Task EnsureForRequestAsync(HttpContext context, LocalityDbContext db)
    {
        var path = context.Request.Path.Value;
        if (path is null || !path.StartsWith(PathPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var rest = path[PathPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var key = slash < 0 ? rest : rest[..slash];
        if (key.Length is 0 or > IdentityProvider.KeyMaxLength || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return;
        }

        if (known.TryGetValue(key, out var entry) && clock.GetUtcNow() - entry.CheckedAt < RefreshAfter)
        {
            return;
        }

        var provider = await db.IdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key, context.RequestAborted);
        if (provider is { IsEnabled: true })
        {
            await EnsureAsync(provider);
        }
        else if (known.TryRemove(key, out _))
        {
            schemes.RemoveScheme(SchemeName(key));
            optionsCache.TryRemove(SchemeName(key));
        }
    }

    /// <summary>Whether the provider answers: its discovery document and keys can be read now.</summary>
    public static async Task<bool> AnswersAsync(OpenIdConnectOptions options, CancellationToken cancellationToken)
    {
        try
        {
            options.ConfigurationManager?.RequestRefresh();
            return options.ConfigurationManager is not null && await options.ConfigurationManager.GetConfigurationAsync(cancellationToken) is not null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Fills in a provider's options from its row (called by the options system for <c>oidc-{key}</c>).</summary>
    internal void Configure(string name, OpenIdConnectOptions options)
    {
        var key = name.StartsWith("oidc-", StringComparison.Ordinal) ? name["oidc-".Length..] : null;
        if (key is null || Known(key) is not { } provider)
        {
            return;
        }

        var settings = signInOptions.Value;
        options.Authority = provider.Authority;
        options.ClientId = provider.ClientId;
        options.ClientSecret = configuration[$"{ProviderSignInOptions.Section}:Secrets:{provider.SecretName}"];
        options.ResponseType = OpenIdConnectResponseType.Code;
        // The answer comes back as a top-level GET, so the handler's own cookies can be SameSite=Lax and work on
        // plain http in development; the code is useless without the PKCE verifier and the client secret.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.RequireHttpsMetadata = !providerOptions.Value.AllowHttp;
        options.CallbackPath = CallbackPath(key);
        options.SignedOutCallbackPath = SignedOutPath(key);
        // Front-channel logout is Locality's own endpoint (it ends the Locality session, not the handler's cookie).
        options.RemoteSignOutPath = $"{PathPrefix}{key}/handler-sign-out";
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.SignOutScheme = IdentityConstants.ApplicationScheme;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.Scope.Add("email");
        options.TokenValidationParameters.NameClaimType = "name";
        options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(2);
        options.BackchannelTimeout = TimeSpan.FromSeconds(Math.Clamp(settings.TimeoutSeconds, 1, 60));
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Events = new OpenIdConnectEvents
        {
            OnRedirectToIdentityProvider = context =>
            {
                if (context.Properties.Items.TryGetValue("login_hint", out var hint) && !string.IsNullOrEmpty(hint))
                {
                    context.ProtocolMessage.LoginHint = hint;
                }

                if (context.Properties.Items.TryGetValue("max_age", out var maxAge) && !string.IsNullOrEmpty(maxAge))
                {
                    context.ProtocolMessage.MaxAge = maxAge;
                    context.ProtocolMessage.Prompt = "login";
                }

                return Task.CompletedTask;
            },
            OnRedirectToIdentityProviderForSignOut = context =>
            {
                // RP-initiated logout names the client, as the session keeps no id token to hint with.
                context.ProtocolMessage.ClientId = provider.ClientId;
                return Task.CompletedTask;
            },
            OnRemoteFailure = context =>
            {
                context.Response.Redirect(ProblemPath(key, context.Failure));
                context.HandleResponse();
                return Task.CompletedTask;
            },
            OnAccessDenied = context =>
            {
                context.Response.Redirect($"{PathPrefix}{key}/problem?reason=refused");
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Where a failed sign-in goes: a page that says, in words, what went wrong (never the provider's raw error).</summary>
    private static string ProblemPath(string key, Exception? failure)
    {
        var reason = failure switch
        {
            HttpRequestException or TaskCanceledException or OperationCanceledException or IOException => "down",
            _ when failure?.InnerException is HttpRequestException or TaskCanceledException => "down",
            OpenIdConnectProtocolException protocol when protocol.Message.Contains("access_denied", StringComparison.Ordinal) => "refused",
            _ when failure?.Message.Contains("Correlation failed", StringComparison.Ordinal) == true => "expired",
            _ when failure?.Message.Contains("discovery", StringComparison.OrdinalIgnoreCase) == true
                   || failure?.Message.Contains("IDX20803", StringComparison.Ordinal) == true => "down",
            _ => "invalid",
        };
        return $"{PathPrefix}{key}/problem?reason={reason}";
    }
}

/// <summary>Hands each provider scheme its options from <see cref="ProviderSchemes"/>.</summary>
internal sealed class ProviderOptionsSetup(ProviderSchemes schemes) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name is not null)
        {
            schemes.Configure(name, options);
        }
    }

    public void Configure(OpenIdConnectOptions options)
    {
    }
}
