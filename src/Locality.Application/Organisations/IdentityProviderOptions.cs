namespace Locality.Application.Organisations;

/// <summary>Settings for agencies' identity providers and partners' token issuers, from configuration section <c>IdentityProviders</c>.</summary>
public sealed class IdentityProviderOptions
{
    public const string Section = "IdentityProviders";

    /// <summary>Allows issuers over plain http. Only for tests and a developer's own machine: tokens and keys travel in the clear.</summary>
    public bool AllowHttp { get; set; }
}
