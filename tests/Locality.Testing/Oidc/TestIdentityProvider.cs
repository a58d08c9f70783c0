using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Locality.Testing.Oidc;

/// <summary>
/// A real OpenID Connect provider for tests (OpenIddict's server in degraded mode: clients and users live in this
/// object, not in a database), on a real 127.0.0.1 port. There is no login form: the authorize endpoint signs in the
/// user whose email is the request's <c>login_hint</c>, or <see cref="SignInAs"/> once when that is set. Codes are
/// single use; PKCE with S256 is required. Start one per test class and dispose it at the end.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    /// <summary>The member of a logout token's <c>events</c> claim that says it is a back-channel logout.</summary>
    public const string BackChannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    private const string AuthorizePath = "connect/authorize";
    private const string TokenPath = "connect/token";
    private const string UserInfoPath = "connect/userinfo";
    private const string EndSessionPath = "connect/endsession";
    private const string AuthenticationType = "Locality.Testing.Oidc";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    private readonly ConcurrentDictionary<string, ClientRegistration> clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TestIdentityUser> usersByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> redeemedCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AuthorizeRequestSeen> authorizeRequests = new();
    private readonly ConcurrentQueue<EndSessionRequestSeen> endSessionRequests = new();
    private readonly RSA signingRsa = RSA.Create(2048);
    private readonly RSA otherRsa = RSA.Create(2048);
    private readonly RsaSecurityKey signingKey;
    private readonly RsaSecurityKey otherKey;
    private WebApplication? app;
    private Uri? issuer;
    private volatile bool isDown;
    private string? signInAs;

    private TestIdentityProvider(string name, string groupsClaimName)
    {
        Name = name;
        GroupsClaimName = groupsClaimName;
        var keyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        signingKey = new RsaSecurityKey(signingRsa) { KeyId = keyId };
        // The other key carries the real key's id: a token signed by it looks right until its signature is checked.
        otherKey = new RsaSecurityKey(otherRsa) { KeyId = keyId };
    }

    /// <summary>The agency's provider this stands for, e.g. "Northshire Council".</summary>
    public string Name { get; }

    /// <summary>The claim a user's groups go out under (<c>groups</c> unless started with another name).</summary>
    public string GroupsClaimName { get; }

    /// <summary><c>http://127.0.0.1:port/</c>, exactly as the discovery document and honest tokens give it.</summary>
    public Uri Issuer => issuer ?? throw new InvalidOperationException("The provider has not started.");

    public Uri DiscoveryDocument => new(Issuer, ".well-known/openid-configuration");

    public Uri AuthorizationEndpoint => new(Issuer, AuthorizePath);

    public Uri TokenEndpoint => new(Issuer, TokenPath);

    public Uri UserInfoEndpoint => new(Issuer, UserInfoPath);

    public Uri EndSessionEndpoint => new(Issuer, EndSessionPath);

    /// <summary>While true every request (discovery and the key set too) is answered 503, as by a provider that is down.</summary>
    public bool IsDown { get => isDown; set => isDown = value; }

    /// <summary>How the next tokens are spoiled; <see cref="TestIdentityTamper.Reset"/> makes them honest again.</summary>
    public TestIdentityTamper Tamper { get; } = new();

    /// <summary>
    /// The email of the user the next authorize request signs in, whatever its <c>login_hint</c> (a provider asserting
    /// someone else). Used once, then cleared.
    /// </summary>
    public string? SignInAs { get => Volatile.Read(ref signInAs); set => Volatile.Write(ref signInAs, value); }

    /// <summary>Every authorize request, in order, with the parameters it arrived with (even ones then refused).</summary>
    public IReadOnlyList<AuthorizeRequestSeen> AuthorizeRequests => [.. authorizeRequests];

    /// <summary>Every end-session request, in order, with the parameters it arrived with.</summary>
    public IReadOnlyList<EndSessionRequestSeen> EndSessionRequestsSeen => [.. endSessionRequests];

    public int EndSessionRequests => endSessionRequests.Count;

    /// <summary>Starts a provider on 127.0.0.1 and a free port.</summary>
    public static async Task<TestIdentityProvider> StartAsync(string name, string groupsClaimName = "groups")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupsClaimName);
        var provider = new TestIdentityProvider(name, groupsClaimName);
        await provider.StartServerAsync();
        return provider;
    }

    /// <summary>A confidential client of the authorization code flow (PKCE with S256 required), e.g. Locality's web host.</summary>
    public void AddClient(string clientId, string clientSecret, IEnumerable<Uri> redirectUris, IEnumerable<Uri>? postLogoutRedirectUris = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);
        clients[clientId] = new ClientRegistration(
            clientId,
            clientSecret,
            ClientKind.SignIn,
            redirectUris.Select(uri => uri.AbsoluteUri).ToHashSet(StringComparer.Ordinal),
            (postLogoutRedirectUris ?? []).Select(uri => uri.AbsoluteUri).ToHashSet(StringComparer.Ordinal),
            Audience: null);
    }

    /// <summary>A partner system that gets access tokens with its own credentials; <paramref name="audience"/> becomes their <c>aud</c>.</summary>
    public void AddClientCredentialsClient(string clientId, string clientSecret, string? audience = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);
        clients[clientId] = new ClientRegistration(clientId, clientSecret, ClientKind.Machine, new HashSet<string>(), new HashSet<string>(), audience);
    }

    /// <summary>Adds a user, or replaces the one with the same email.</summary>
    public void AddUser(TestIdentityUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        usersByEmail[user.Email] = user;
    }

    /// <summary>Asks the token endpoint for a client-credentials access token: a signed JWT (not encrypted).</summary>
    public async Task<string> GetClientCredentialsTokenAsync(string clientId, string clientSecret, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            [Parameters.GrantType] = GrantTypes.ClientCredentials,
            [Parameters.ClientId] = clientId,
            [Parameters.ClientSecret] = clientSecret,
        };
        if (scope is not null)
        {
            form[Parameters.Scope] = scope;
        }

        using var response = await Http.PostAsync(TokenEndpoint, new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The token endpoint refused the client credentials ({(int)response.StatusCode}): {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty(Parameters.AccessToken).GetString()
            ?? throw new InvalidOperationException("The token response had no access token.");
    }

    /// <summary>
    /// An OpenID Connect back-channel logout token for <paramref name="clientId"/>, signed with the provider's key: iss,
    /// aud, iat, exp, jti, sub, the back-channel logout event, <c>sid</c> when given, and no nonce (unless
    /// <see cref="Tamper"/> says otherwise, like every other token).
    /// </summary>
    public string MakeBackChannelLogoutToken(string clientId, string subject, string? sessionId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            [Claims.Issuer] = Issuer.AbsoluteUri,
            [Claims.Audience] = clientId,
            [Claims.IssuedAt] = now.ToUnixTimeSeconds(),
            [Claims.ExpiresAt] = now.AddMinutes(2).ToUnixTimeSeconds(),
            [Claims.JwtId] = Guid.NewGuid().ToString("N"),
            [Claims.Subject] = subject,
            ["events"] = new JsonObject { [BackChannelLogoutEvent] = new JsonObject() },
        };
        if (sessionId is not null)
        {
            payload["sid"] = sessionId;
        }

        return Sign(payload, "logout+jwt", TokenKind.Logout);
    }

    /// <summary>Posts a logout token (form field <c>logout_token</c>) to a client's back-channel logout endpoint.</summary>
    public Task<HttpResponseMessage> SendBackChannelLogoutAsync(Uri endpoint, string clientId, string subject, string? sessionId = null) =>
        Http.PostAsync(endpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["logout_token"] = MakeBackChannelLogoutToken(clientId, subject, sessionId),
        }));

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        signingRsa.Dispose();
        otherRsa.Dispose();
    }

    private async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TestIdentityProvider).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        // LOCALITY_TEST_IDP_LOGS=1 writes the provider's own log (OpenIddict says why it refused a request) to the console.
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("LOCALITY_TEST_IDP_LOGS") == "1")
        {
            builder.Logging.AddConsole();
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris(AuthorizePath)
                .SetTokenEndpointUris(TokenPath)
                .SetUserInfoEndpointUris(UserInfoPath)
                .SetEndSessionEndpointUris(EndSessionPath);
            options.AllowAuthorizationCodeFlow().AllowClientCredentialsFlow();
            options.RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
            options.RegisterClaims(
                Claims.Subject, Claims.Email, Claims.EmailVerified, Claims.Name, GroupsClaimName,
                Claims.AuthenticationMethodReference, Claims.AuthenticationContextReference, "sid");
            // Partner systems ask for scopes of their own; this provider does not keep a list of them.
            options.DisableScopeValidation();
            // No database: clients, users and redeemed codes are checked by the handlers below.
            options.EnableDegradedMode();
            options.DisableAuthorizationStorage();
            options.DisableTokenStorage();
            options.AddSigningKey(signingKey);
            options.AddEphemeralEncryptionKey();
            options.DisableAccessTokenEncryption();
            options.UseAspNetCore().DisableTransportSecurityRequirement();

            options.AddEventHandler<HandleConfigurationRequestContext>(handler => handler.UseInlineHandler(DescribeLogout));
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(ValidateAuthorization));
            options.AddEventHandler<HandleAuthorizationRequestContext>(handler => handler.UseInlineHandler(SignInUser));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(ValidateTokenRequest));
            options.AddEventHandler<HandleTokenRequestContext>(handler => handler.UseInlineHandler(IssueTokens));
            options.AddEventHandler<GenerateTokenContext>(handler => handler.UseInlineHandler(KeepArraysAsArrays)
                .SetOrder(OpenIddict.Server.OpenIddictServerHandlers.Protection.GenerateIdentityModelToken.Descriptor.Order - 1));
            options.AddEventHandler<ApplyTokenResponseContext>(handler => handler.UseInlineHandler(SpoilTokenResponse).SetOrder(int.MinValue + 1_000));
            options.AddEventHandler<HandleUserInfoRequestContext>(handler => handler.UseInlineHandler(DescribeUser));
            options.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(ValidateEndSession));
            options.AddEventHandler<HandleEndSessionRequestContext>(handler => handler.UseInlineHandler(EndSession));
        });

        app = builder.Build();
        app.Use(ObserveAsync);
        app.UseAuthentication();
        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        issuer = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Answers 503 while down; otherwise notes authorize and end-session requests before OpenIddict sees them.</summary>
    private async Task ObserveAsync(HttpContext context, RequestDelegate next)
    {
        if (IsDown)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "30";
            await context.Response.WriteAsync($"{Name}'s identity provider is not available.");
            return;
        }

        var path = context.Request.Path.Value?.Trim('/');
        if (path == AuthorizePath)
        {
            authorizeRequests.Enqueue(new AuthorizeRequestSeen(await ParametersOfAsync(context.Request)));
        }
        else if (path == EndSessionPath)
        {
            endSessionRequests.Enqueue(new EndSessionRequestSeen(await ParametersOfAsync(context.Request)));
        }

        await next(context);
    }

    private static async Task<IReadOnlyDictionary<string, string>> ParametersOfAsync(HttpRequest request)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync())
            {
                parameters[key] = value.ToString();
            }
        }

        return parameters;
    }

    private ValueTask DescribeLogout(HandleConfigurationRequestContext context)
    {
        context.Metadata["backchannel_logout_supported"] = true;
        context.Metadata["backchannel_logout_session_supported"] = true;
        context.Metadata["frontchannel_logout_supported"] = true;
        context.Metadata["frontchannel_logout_session_supported"] = true;
        return default;
    }

    private ValueTask ValidateAuthorization(ValidateAuthorizationRequestContext context)
    {
        if (context.ClientId is not { } clientId || !clients.TryGetValue(clientId, out var client) || client.Kind != ClientKind.SignIn)
        {
            context.Reject(Errors.InvalidClient, "The client_id is not a client of this provider.");
        }
        else if (context.RedirectUri is null || !client.RedirectUris.Contains(context.RedirectUri))
        {
            context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for this client.");
        }
        else if (!string.Equals(context.Request.CodeChallengeMethod, CodeChallengeMethods.Sha256, StringComparison.Ordinal))
        {
            context.Reject(Errors.InvalidRequest, "PKCE with code_challenge_method S256 is required.");
        }

        return default;
    }

    private ValueTask SignInUser(HandleAuthorizationRequestContext context)
    {
        var email = Interlocked.Exchange(ref signInAs, null) ?? context.Request.LoginHint;
        if (email is null || !usersByEmail.TryGetValue(email, out var user) || user.Disabled)
        {
            context.Reject(Errors.AccessDenied, "The user cannot be signed in.");
            return default;
        }

        var identity = new ClaimsIdentity(AuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject);
        identity.SetClaim(Claims.Email, user.Email);
        identity.SetClaim(Claims.EmailVerified, user.EmailVerified);
        identity.SetClaim(Claims.Name, user.Name);
        identity.SetClaim("sid", Guid.NewGuid().ToString("N"));
        if (user.Groups is not null)
        {
            identity.SetClaims(GroupsClaimName, [.. user.Groups]);
        }

        if (user.Amr is not null)
        {
            identity.SetClaims(Claims.AuthenticationMethodReference, [.. user.Amr]);
        }

        identity.SetClaim(Claims.AuthenticationContextReference, user.Acr);
        identity.SetScopes(context.Request.GetScopes());
        identity.SetDestinations(static _ => [Destinations.IdentityToken, Destinations.AccessToken]);
        context.SignIn(new ClaimsPrincipal(identity));
        return default;
    }

    private ValueTask ValidateTokenRequest(ValidateTokenRequestContext context)
    {
        if (context.ClientId is not { } clientId || !clients.TryGetValue(clientId, out var client) || !SecretMatches(client.Secret, context.ClientSecret))
        {
            context.Reject(Errors.InvalidClient, "The client credentials are not right.");
        }
        else if (context.Request.IsAuthorizationCodeGrantType() && client.Kind != ClientKind.SignIn)
        {
            context.Reject(Errors.UnauthorizedClient, "This client may not use the authorization code flow.");
        }
        else if (context.Request.IsClientCredentialsGrantType() && client.Kind != ClientKind.Machine)
        {
            context.Reject(Errors.UnauthorizedClient, "This client may not use the client credentials flow.");
        }

        return default;
    }

    private ValueTask IssueTokens(HandleTokenRequestContext context)
    {
        if (context.Request.IsAuthorizationCodeGrantType())
        {
            // OpenIddict's degraded mode keeps no record of codes, so a code's single use is enforced here.
            if (context.Request.Code is not { } code || !redeemedCodes.TryAdd(code, 0))
            {
                context.Reject(Errors.InvalidGrant, "The authorization code has already been used.");
                return default;
            }

            context.SignIn(context.AuthorizationCodePrincipal!);
        }
        else if (context.Request.IsClientCredentialsGrantType())
        {
            var client = clients[context.Request.ClientId!];
            var identity = new ClaimsIdentity(AuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, client.Id);
            identity.SetScopes(context.Request.GetScopes());
            if (client.Audience is not null)
            {
                identity.SetAudiences(client.Audience);
            }

            identity.SetDestinations(static _ => [Destinations.AccessToken]);
            context.SignIn(new ClaimsPrincipal(identity));
        }

        return default;
    }

    /// <summary>
    /// OpenIddict writes a claim that has one value as a bare string; groups and <c>amr</c> are arrays in every
    /// identity and access token, however many there are.
    /// </summary>
    private ValueTask KeepArraysAsArrays(GenerateTokenContext context)
    {
        if (context.Principal is not { } principal
            || context.TokenType is not (TokenTypeIdentifiers.IdentityToken or TokenTypeIdentifiers.AccessToken))
        {
            return default;
        }

        foreach (var type in new[] { GroupsClaimName, Claims.AuthenticationMethodReference })
        {
            var values = principal.GetClaims(type);
            if (!values.IsDefaultOrEmpty)
            {
                context.SecurityTokenDescriptor.Claims ??= new Dictionary<string, object>(StringComparer.Ordinal);
                context.SecurityTokenDescriptor.Claims[type] = values.ToArray();
            }
        }

        return default;
    }

    private ValueTask SpoilTokenResponse(ApplyTokenResponseContext context)
    {
        if (context.Response.Error is not null || !Tamper.Any)
        {
            return default;
        }

        if (context.Response.IdToken is { } idToken)
        {
            context.Response.IdToken = Respoil(idToken, TokenKind.Identity);
        }

        if (context.Request?.IsClientCredentialsGrantType() == true && context.Response.AccessToken is { } accessToken)
        {
            context.Response.AccessToken = Respoil(accessToken, TokenKind.Access);
        }

        return default;
    }

    private ValueTask DescribeUser(HandleUserInfoRequestContext context)
    {
        var subject = context.AccessTokenPrincipal?.GetClaim(Claims.Subject);
        var user = usersByEmail.Values.FirstOrDefault(candidate => candidate.Subject == subject);
        if (user is null || user.Disabled)
        {
            context.Reject(Errors.InvalidToken, "The user is no longer known.");
            return default;
        }

        context.Subject = user.Subject;
        context.Email = user.Email;
        context.EmailVerified = user.EmailVerified;
        if (user.Name is not null)
        {
            context.Claims[Claims.Name] = user.Name;
        }

        if (user.Groups is not null)
        {
            context.Claims[GroupsClaimName] = JsonSerializer.SerializeToElement(user.Groups);
        }

        if (user.Amr is not null)
        {
            context.Claims[Claims.AuthenticationMethodReference] = JsonSerializer.SerializeToElement(user.Amr);
        }

        if (user.Acr is not null)
        {
            context.Claims[Claims.AuthenticationContextReference] = user.Acr;
        }

        return default;
    }

    private ValueTask ValidateEndSession(ValidateEndSessionRequestContext context)
    {
        if (context.PostLogoutRedirectUri is { } uri
            && !clients.Values.Any(client => (context.ClientId is null || client.Id == context.ClientId) && client.PostLogoutRedirectUris.Contains(uri)))
        {
            context.Reject(Errors.InvalidRequest, "The post_logout_redirect_uri is not registered.");
        }

        return default;
    }

    private ValueTask EndSession(HandleEndSessionRequestContext context)
    {
        context.SignOut();
        return default;
    }

    /// <summary>Re-signs a token OpenIddict issued, with the claims <see cref="Tamper"/> asks to spoil.</summary>
    private string Respoil(string token, TokenKind kind)
    {
        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64UrlEncoder.Decode(parts[0]))!.AsObject();
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        return Sign(payload, header["typ"]?.GetValue<string>() ?? "JWT", kind);
    }

    private string Sign(JsonObject payload, string type, TokenKind kind)
    {
        if (Tamper.Audience)
        {
            payload[Claims.Audience] = TestIdentityTamper.OtherAudience;
        }

        if (Tamper.Issuer)
        {
            payload[Claims.Issuer] = TestIdentityTamper.OtherIssuer;
        }

        if (Tamper.Expired)
        {
            var now = DateTimeOffset.UtcNow;
            payload[Claims.IssuedAt] = now.AddHours(-2).ToUnixTimeSeconds();
            payload[Claims.ExpiresAt] = now.AddHours(-1).ToUnixTimeSeconds();
            if (payload.ContainsKey(Claims.NotBefore))
            {
                payload[Claims.NotBefore] = now.AddHours(-2).ToUnixTimeSeconds();
            }
        }

        if (Tamper.Nonce && kind != TokenKind.Access)
        {
            payload[Claims.Nonce] = TestIdentityTamper.OtherNonce;
        }

        var credentials = new SigningCredentials(Tamper.SignWithOtherKey ? otherKey : signingKey, SecurityAlgorithms.RsaSha256);
        return new JsonWebTokenHandler().CreateToken(
            payload.ToJsonString(),
            credentials,
            new Dictionary<string, object> { [JwtHeaderParameterNames.Typ] = type });
    }

    private static bool SecretMatches(string expected, string? given) =>
        given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private enum ClientKind
    {
        SignIn,
        Machine,
    }

    private enum TokenKind
    {
        Identity,
        Access,
        Logout,
    }

    private sealed record ClientRegistration(
        string Id,
        string Secret,
        ClientKind Kind,
        IReadOnlySet<string> RedirectUris,
        IReadOnlySet<string> PostLogoutRedirectUris,
        string? Audience);
}
