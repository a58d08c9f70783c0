namespace Locality.Testing.Oidc;

/// <summary>
/// A person the test provider can sign in. <see cref="Groups"/> go out under the provider's groups claim name as a
/// JSON array; <see cref="Amr"/> as the <c>amr</c> array and <see cref="Acr"/> as <c>acr</c>, each only when set.
/// A disabled user is refused with <c>access_denied</c>.
/// </summary>
public sealed record TestIdentityUser(
    string Subject,
    string Email,
    bool EmailVerified = true,
    string? Name = null,
    IReadOnlyList<string>? Groups = null,
    IReadOnlyList<string>? Amr = null,
    string? Acr = null,
    bool Disabled = false);

/// <summary>What one request to the authorize endpoint asked for, as it arrived (before any check).</summary>
public sealed record AuthorizeRequestSeen(IReadOnlyDictionary<string, string> Parameters)
{
    public string? ClientId => Get("client_id");

    public string? RedirectUri => Get("redirect_uri");

    public string? ResponseType => Get("response_type");

    public string? ResponseMode => Get("response_mode");

    public string? Scope => Get("scope");

    public string? CodeChallenge => Get("code_challenge");

    public string? CodeChallengeMethod => Get("code_challenge_method");

    public string? LoginHint => Get("login_hint");

    public string? State => Get("state");

    public string? Nonce => Get("nonce");

    public string? Prompt => Get("prompt");

    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What one request to the end-session endpoint asked for, as it arrived.</summary>
public sealed record EndSessionRequestSeen(IReadOnlyDictionary<string, string> Parameters)
{
    public string? IdTokenHint => Get("id_token_hint");

    public string? PostLogoutRedirectUri => Get("post_logout_redirect_uri");

    public string? ClientId => Get("client_id");

    public string? State => Get("state");

    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;
}
