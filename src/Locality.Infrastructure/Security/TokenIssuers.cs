using System.Collections.Concurrent;
using Locality.Application.Organisations.IdentityProviders;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Locality.Infrastructure.Security;

/// <summary>
/// The discovery document and signing keys of each issuer partners' tokens come from, fetched when first needed and
/// kept (refreshed as the configuration manager decides, and at once, at most every few minutes, when a token names a
/// key the kept set lacks). Only issuers an administrator has registered are ever asked.
/// </summary>
public sealed class TokenIssuers(IOptions<IdentityProviderOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> managers = new(StringComparer.Ordinal);
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10), MaxResponseContentBufferSize = 1024 * 1024 };

    public Task<OpenIdConnectConfiguration> GetAsync(string issuer, CancellationToken cancellationToken) =>
        Manager(issuer).GetConfigurationAsync(cancellationToken);

    /// <summary>Asks for the issuer's keys again before the next token from it is checked (they may have been rolled over).</summary>
    public void Refresh(string issuer) => Manager(issuer).RequestRefresh();

    public void Dispose() => http.Dispose();

    private ConfigurationManager<OpenIdConnectConfiguration> Manager(string issuer) =>
        managers.GetOrAdd(issuer, key => new ConfigurationManager<OpenIdConnectConfiguration>(
            key + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http) { RequireHttps = !options.Value.AllowHttp }));
}
