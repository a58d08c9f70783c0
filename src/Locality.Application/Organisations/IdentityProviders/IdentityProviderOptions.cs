namespace Locality.Application.Organisations.IdentityProviders;

/// <summary>How agencies' identity providers may be set up on this installation (configuration section <c>IdentityProviders</c>).</summary>
public sealed class IdentityProviderOptions
{
    public const string Section = "IdentityProviders";

    /// <summary>
    /// Lets a provider's address start with http rather than https: only on a development machine or in the tests,
    /// whose providers have no certificate. A real provider sends tokens, so it is always reached over https.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Where people reach Locality's web front end (<c>https://locality.example.gov.uk</c>), for the addresses a council
    /// registers at its provider. When none is set, the address the administrator's own page was asked for is used.
    /// </summary>
    public string? PublicAddress { get; set; }
}
