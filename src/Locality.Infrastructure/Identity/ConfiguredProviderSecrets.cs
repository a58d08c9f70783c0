using Locality.Application.Organisations.IdentityProviders;
using Microsoft.Extensions.Configuration;

namespace Locality.Infrastructure.Identity;

/// <summary>
/// Providers' client secrets are kept in configuration (<c>IdentityProviders:Secrets:{name}</c>: an environment variable,
/// a mounted secret, a key vault), never in the database; this says only whether one is there.
/// </summary>
internal sealed class ConfiguredProviderSecrets(IConfiguration configuration) : IProviderSecrets
{
    public const string Section = "IdentityProviders:Secrets";

    public bool IsSet(string secretName) =>
        !string.IsNullOrWhiteSpace(secretName) && !secretName.Contains(':', StringComparison.Ordinal)
        && !string.IsNullOrEmpty(configuration[$"{Section}:{secretName}"]);
}
