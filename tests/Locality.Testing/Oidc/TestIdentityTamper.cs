namespace Locality.Testing.Oidc;

/// <summary>
/// How the provider spoils the tokens it issues until <see cref="Reset"/>: identity tokens, client-credentials access
/// tokens and back-channel logout tokens. Several may be set at once. The discovery document and the published keys
/// stay honest, so a relying party that checks properly refuses every spoiled token.
/// </summary>
public sealed class TestIdentityTamper
{
    private volatile bool audience;
    private volatile bool issuer;
    private volatile bool expired;
    private volatile bool nonce;
    private volatile bool signWithOtherKey;

    /// <summary>The <c>aud</c> claim names another client (<see cref="OtherAudience"/>).</summary>
    public bool Audience { get => audience; set => audience = value; }

    /// <summary>The <c>iss</c> claim is not the issuer in the discovery document (<see cref="OtherIssuer"/>).</summary>
    public bool Issuer { get => issuer; set => issuer = value; }

    /// <summary>The token expired an hour ago, far beyond any clock skew (and was issued two hours ago).</summary>
    public bool Expired { get => expired; set => expired = value; }

    /// <summary>The <c>nonce</c> claim is not the one the client sent (<see cref="OtherNonce"/>).</summary>
    public bool Nonce { get => nonce; set => nonce = value; }

    /// <summary>The token is signed by a key that is not in the published key set (it carries the real key's id).</summary>
    public bool SignWithOtherKey { get => signWithOtherKey; set => signWithOtherKey = value; }

    public const string OtherAudience = "someone-else";

    public const string OtherIssuer = "https://impostor.example/";

    public const string OtherNonce = "a-nonce-the-client-never-sent";

    public bool Any => Audience || Issuer || Expired || Nonce || SignWithOtherKey;

    public void Reset()
    {
        Audience = false;
        Issuer = false;
        Expired = false;
        Nonce = false;
        SignWithOtherKey = false;
    }
}
