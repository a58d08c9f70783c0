using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Locality.Testing.Oidc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Locality.Web.Tests.Oidc;

public sealed class TestIdentityProviderFixture : IAsyncLifetime
{
    public const string ClientId = "locality-web";
    public const string ClientSecret = "a-long-client-secret-for-tests";
    public const string PartnerId = "partner-crm";
    public const string PartnerSecret = "a-long-partner-secret-for-tests";
    public const string PartnerAudience = "locality-api";

    public static readonly Uri RedirectUri = new("https://locality.test/sign-in/oidc/northshire/callback");
    public static readonly Uri PostLogoutRedirectUri = new("https://locality.test/signed-out");

    public static readonly TestIdentityUser Amara = new(
        "3f6a1c2e-0001", "amara.okafor@northshire.gov.uk", Name: "Amara Okafor",
        Groups: ["early-help", "team-leads"], Amr: ["pwd", "mfa"], Acr: "urn:northshire:mfa");

    public static readonly TestIdentityUser Ben = new("3f6a1c2e-0002", "ben.hale@northshire.gov.uk", EmailVerified: false);

    public static readonly TestIdentityUser Cara = new("3f6a1c2e-0004", "cara.singh@northshire.gov.uk", Groups: ["duty-desk"], Amr: ["pwd"]);

    public static readonly TestIdentityUser Left = new("3f6a1c2e-0003", "left.agency@northshire.gov.uk", Disabled: true);

    public TestIdentityProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync("Northshire Council");
        Provider.AddClient(ClientId, ClientSecret, [RedirectUri], [PostLogoutRedirectUri]);
        Provider.AddClientCredentialsClient(PartnerId, PartnerSecret, PartnerAudience);
        Provider.AddUser(Amara);
        Provider.AddUser(Ben);
        Provider.AddUser(Cara);
        Provider.AddUser(Left);
    }

    public async Task DisposeAsync() => await Provider.DisposeAsync();
}

public sealed class TestIdentityProviderTests(TestIdentityProviderFixture fixture) : IClassFixture<TestIdentityProviderFixture>, IDisposable
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    private TestIdentityProvider Provider => fixture.Provider;

    public void Dispose()
    {
        Provider.Tamper.Reset();
        Provider.IsDown = false;
        Provider.SignInAs = null;
    }

    [Fact]
    public async Task Discovery_NamesTheEndpointsTheKeysAndLogoutSupport()
    {
        using var discovery = await GetJsonAsync(Provider.DiscoveryDocument);
        var root = discovery.RootElement;

        Assert.Equal(Provider.Issuer.AbsoluteUri, root.GetProperty("issuer").GetString());
        Assert.Equal(Provider.AuthorizationEndpoint.AbsoluteUri, root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(Provider.TokenEndpoint.AbsoluteUri, root.GetProperty("token_endpoint").GetString());
        Assert.Equal(Provider.UserInfoEndpoint.AbsoluteUri, root.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(Provider.EndSessionEndpoint.AbsoluteUri, root.GetProperty("end_session_endpoint").GetString());
        Assert.True(root.GetProperty("backchannel_logout_supported").GetBoolean());
        Assert.True(root.GetProperty("frontchannel_logout_supported").GetBoolean());
        Assert.Contains("S256", Strings(root.GetProperty("code_challenge_methods_supported")));
        Assert.Contains("form_post", Strings(root.GetProperty("response_modes_supported")));
        Assert.Contains("groups", Strings(root.GetProperty("claims_supported")));

        var keys = await SigningKeysAsync();
        Assert.Single(keys);
        Assert.False(string.IsNullOrEmpty(keys[0].KeyId));
    }

    [Fact]
    public async Task CodeFlowWithPkce_GivesAnIdTokenWithTheUsersClaims_AndUserInfoSaysTheSame()
    {
        var authorization = await AuthorizeAsync(TestIdentityProviderFixture.Amara.Email);
        using var response = await RedeemAsync(authorization.Code, authorization.Verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var tokens = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var result = await ValidateAsync(tokens.RootElement.GetProperty("id_token").GetString()!, TestIdentityProviderFixture.ClientId);
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal("3f6a1c2e-0001", token.Subject);
        Assert.Equal("amara.okafor@northshire.gov.uk", token.GetClaim("email").Value);
        Assert.True(token.GetPayloadValue<bool>("email_verified"));
        Assert.Equal("Amara Okafor", token.GetPayloadValue<string>("name"));
        Assert.Equal(["early-help", "team-leads"], token.GetPayloadValue<string[]>("groups"));
        Assert.Equal(["pwd", "mfa"], token.GetPayloadValue<string[]>("amr"));
        Assert.Equal("urn:northshire:mfa", token.GetPayloadValue<string>("acr"));
        Assert.Equal(authorization.Nonce, token.GetPayloadValue<string>("nonce"));
        Assert.Equal([TestIdentityProviderFixture.ClientId], token.Audiences);
        Assert.True(token.ValidTo > DateTime.UtcNow && token.IssuedAt <= DateTime.UtcNow.AddMinutes(1));

        var seen = Provider.AuthorizeRequests[^1];
        Assert.Equal(TestIdentityProviderFixture.ClientId, seen.ClientId);
        Assert.Equal(TestIdentityProviderFixture.RedirectUri.AbsoluteUri, seen.RedirectUri);
        Assert.Equal("S256", seen.CodeChallengeMethod);
        Assert.Equal(Challenge(authorization.Verifier), seen.CodeChallenge);
        Assert.Equal(TestIdentityProviderFixture.Amara.Email, seen.LoginHint);
        Assert.Equal(authorization.State, seen.State);
        Assert.Equal(authorization.Nonce, seen.Nonce);

        using var userInfoRequest = new HttpRequestMessage(HttpMethod.Get, Provider.UserInfoEndpoint);
        userInfoRequest.Headers.Authorization = new("Bearer", tokens.RootElement.GetProperty("access_token").GetString());
        using var userInfoResponse = await Http.SendAsync(userInfoRequest);
        Assert.Equal(HttpStatusCode.OK, userInfoResponse.StatusCode);
        using var userInfo = JsonDocument.Parse(await userInfoResponse.Content.ReadAsStringAsync());
        Assert.Equal("3f6a1c2e-0001", userInfo.RootElement.GetProperty("sub").GetString());
        Assert.Equal("amara.okafor@northshire.gov.uk", userInfo.RootElement.GetProperty("email").GetString());
        Assert.True(userInfo.RootElement.GetProperty("email_verified").GetBoolean());
        Assert.Equal("Amara Okafor", userInfo.RootElement.GetProperty("name").GetString());
        Assert.Equal(["early-help", "team-leads"], Strings(userInfo.RootElement.GetProperty("groups")));
        Assert.Equal(["pwd", "mfa"], Strings(userInfo.RootElement.GetProperty("amr")));
        Assert.Equal("urn:northshire:mfa", userInfo.RootElement.GetProperty("acr").GetString());
    }

    [Fact]
    public async Task AUserWithoutGroupsOrMfa_HasNoSuchClaims_AndAnUnverifiedEmailSaysSo()
    {
        var token = await SignInAndReadIdTokenAsync(TestIdentityProviderFixture.Ben.Email);

        Assert.Equal("3f6a1c2e-0002", token.Subject);
        Assert.False(token.GetPayloadValue<bool>("email_verified"));
        Assert.False(token.TryGetPayloadValue<object>("groups", out _));
        Assert.False(token.TryGetPayloadValue<object>("amr", out _));
        Assert.False(token.TryGetPayloadValue<object>("acr", out _));
    }

    [Fact]
    public async Task OneGroupAndOneMethod_StillGoOutAsArrays()
    {
        var token = await SignInAndReadIdTokenAsync(TestIdentityProviderFixture.Cara.Email);

        Assert.Equal(["duty-desk"], token.GetPayloadValue<string[]>("groups"));
        Assert.Equal(["pwd"], token.GetPayloadValue<string[]>("amr"));
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload)).RootElement;
        Assert.Equal(JsonValueKind.Array, payload.GetProperty("groups").ValueKind);
        Assert.Equal(JsonValueKind.Array, payload.GetProperty("amr").ValueKind);
    }

    [Fact]
    public async Task SignInAs_SignsInSomeoneElseOnce_WhateverTheLoginHint()
    {
        Provider.SignInAs = TestIdentityProviderFixture.Ben.Email;

        var asserted = await SignInAndReadIdTokenAsync(TestIdentityProviderFixture.Amara.Email);
        var next = await SignInAndReadIdTokenAsync(TestIdentityProviderFixture.Amara.Email);

        Assert.Equal(TestIdentityProviderFixture.Ben.Email, asserted.GetClaim("email").Value);
        Assert.Equal(TestIdentityProviderFixture.Amara.Email, next.GetClaim("email").Value);
    }

    [Theory]
    [InlineData("nobody@northshire.gov.uk")]
    [InlineData("left.agency@northshire.gov.uk")]
    public async Task AnUnknownOrDisabledUser_IsSentBackToTheClientWithAccessDenied(string email)
    {
        var (response, state) = await StartAuthorizeAsync(email, Challenge(NewVerifier()), "S256");
        using (response)
        {
            var query = CallbackQuery(response);
            Assert.Equal("access_denied", query["error"]);
            Assert.Equal(state, query["state"]);
            Assert.False(query.ContainsKey("code"));
        }
    }

    [Fact]
    public async Task FormPost_SendsTheCodeBackInAFormThatPostsToTheRedirectUri()
    {
        var verifier = NewVerifier();
        var uri = QueryHelpers.AddQueryString(Provider.AuthorizationEndpoint.AbsoluteUri, new Dictionary<string, string?>
        {
            ["client_id"] = TestIdentityProviderFixture.ClientId,
            ["redirect_uri"] = TestIdentityProviderFixture.RedirectUri.AbsoluteUri,
            ["response_type"] = "code",
            ["response_mode"] = "form_post",
            ["scope"] = "openid profile email",
            ["code_challenge"] = Challenge(verifier),
            ["code_challenge_method"] = "S256",
            ["login_hint"] = TestIdentityProviderFixture.Amara.Email,
            ["state"] = "form-state",
            ["nonce"] = "form-nonce",
        });

        using var response = await Http.GetAsync(uri);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"action=\"{TestIdentityProviderFixture.RedirectUri.AbsoluteUri}\"", html);
        Assert.Contains("name=\"code\"", html);
        Assert.Contains("value=\"form-state\"", html);
        Assert.Equal("form_post", Provider.AuthorizeRequests[^1].ResponseMode);
    }

    [Fact]
    public async Task AWrongCodeVerifier_IsRefused()
    {
        var authorization = await AuthorizeAsync(TestIdentityProviderFixture.Amara.Email);

        using var response = await RedeemAsync(authorization.Code, NewVerifier());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task ARedeemedCode_IsRefusedTheSecondTime()
    {
        var authorization = await AuthorizeAsync(TestIdentityProviderFixture.Amara.Email);

        using var first = await RedeemAsync(authorization.Code, authorization.Verifier);
        using var second = await RedeemAsync(authorization.Code, authorization.Verifier);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", await ErrorOfAsync(second));
    }

    [Fact]
    public async Task AWrongClientSecret_IsRefusedAtTheTokenEndpoint()
    {
        var authorization = await AuthorizeAsync(TestIdentityProviderFixture.Amara.Email);

        using var response = await RedeemAsync(authorization.Code, authorization.Verifier, "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task PlainPkceOrAnUnregisteredRedirect_IsRefusedWithoutACode()
    {
        var verifier = NewVerifier();
        var (plain, _) = await StartAuthorizeAsync(TestIdentityProviderFixture.Amara.Email, verifier, "plain");
        var (unregistered, _) = await StartAuthorizeAsync(
            TestIdentityProviderFixture.Amara.Email, Challenge(verifier), "S256", new Uri("https://elsewhere.test/callback"));
        using (plain)
        using (unregistered)
        {
            Assert.False(HasCode(plain));
            Assert.Equal(HttpStatusCode.BadRequest, unregistered.StatusCode);
            Assert.Null(unregistered.Headers.Location);
        }
    }

    [Theory]
    [InlineData(nameof(TestIdentityTamper.Audience))]
    [InlineData(nameof(TestIdentityTamper.Issuer))]
    [InlineData(nameof(TestIdentityTamper.Expired))]
    [InlineData(nameof(TestIdentityTamper.Nonce))]
    [InlineData(nameof(TestIdentityTamper.SignWithOtherKey))]
    public async Task EachTamper_SpoilsTheIdTokenAsItSays_UntilReset(string mode)
    {
        SetTamper(mode);
        var authorization = await AuthorizeAsync(TestIdentityProviderFixture.Amara.Email);
        var spoiled = await RedeemForIdTokenAsync(authorization);
        var result = await ValidateAsync(spoiled, TestIdentityProviderFixture.ClientId);
        var token = new JsonWebToken(spoiled);

        switch (mode)
        {
            case nameof(TestIdentityTamper.Audience):
                Assert.Equal([TestIdentityTamper.OtherAudience], token.Audiences);
                Assert.IsType<SecurityTokenInvalidAudienceException>(result.Exception);
                break;
            case nameof(TestIdentityTamper.Issuer):
                Assert.Equal(TestIdentityTamper.OtherIssuer, token.Issuer);
                Assert.IsType<SecurityTokenInvalidIssuerException>(result.Exception);
                break;
            case nameof(TestIdentityTamper.Expired):
                Assert.True(token.ValidTo < DateTime.UtcNow.AddMinutes(-5));
                Assert.IsType<SecurityTokenExpiredException>(result.Exception);
                break;
            case nameof(TestIdentityTamper.Nonce):
                Assert.True(result.IsValid, result.Exception?.Message);
                Assert.Equal(TestIdentityTamper.OtherNonce, token.GetPayloadValue<string>("nonce"));
                Assert.NotEqual(authorization.Nonce, token.GetPayloadValue<string>("nonce"));
                break;
            case nameof(TestIdentityTamper.SignWithOtherKey):
                Assert.Equal(Provider.Issuer.AbsoluteUri, token.Issuer);
                Assert.Equal((await SigningKeysAsync())[0].KeyId, token.Kid);
                Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(result.Exception);
                break;
        }

        Assert.Equal(TestIdentityProviderFixture.Amara.Subject, token.Subject);
        if (mode != nameof(TestIdentityTamper.Nonce))
        {
            Assert.False(result.IsValid);
        }

        Provider.Tamper.Reset();
        var honest = await AuthorizeAsync(TestIdentityProviderFixture.Amara.Email);
        var honestToken = new JsonWebToken(await RedeemForIdTokenAsync(honest));
        Assert.True((await ValidateAsync(honestToken.EncodedToken, TestIdentityProviderFixture.ClientId)).IsValid);
        Assert.Equal(honest.Nonce, honestToken.GetPayloadValue<string>("nonce"));
    }

    [Fact]
    public async Task AClientCredentialsToken_IsASignedJwtWithTheIssuerAudienceAndClientId()
    {
        var accessToken = await Provider.GetClientCredentialsTokenAsync(
            TestIdentityProviderFixture.PartnerId, TestIdentityProviderFixture.PartnerSecret, "cases.read");

        var result = await ValidateAsync(accessToken, TestIdentityProviderFixture.PartnerAudience);

        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal(Provider.Issuer.AbsoluteUri, token.Issuer);
        Assert.Equal(TestIdentityProviderFixture.PartnerId, token.Subject);
        var clientId = token.TryGetPayloadValue<string>("client_id", out var value) ? value : token.GetPayloadValue<string>("azp");
        Assert.Equal(TestIdentityProviderFixture.PartnerId, clientId);
        Assert.Equal("cases.read", token.GetPayloadValue<string>("scope"));
        Assert.Equal("at+jwt", token.Typ);
        Assert.Equal(3, accessToken.Split('.').Length);
    }

    [Fact]
    public async Task AClientCredentialsToken_IsSpoiledByTamper_AndAWrongSecretGetsNone()
    {
        Provider.Tamper.SignWithOtherKey = true;
        Provider.Tamper.Audience = true;
        var spoiled = await Provider.GetClientCredentialsTokenAsync(
            TestIdentityProviderFixture.PartnerId, TestIdentityProviderFixture.PartnerSecret);
        Provider.Tamper.Reset();

        var result = await ValidateAsync(spoiled, TestIdentityProviderFixture.PartnerAudience);
        Assert.False(result.IsValid);
        Assert.Equal([TestIdentityTamper.OtherAudience], new JsonWebToken(spoiled).Audiences);
        Assert.Equal("at+jwt", new JsonWebToken(spoiled).Typ);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Provider.GetClientCredentialsTokenAsync(TestIdentityProviderFixture.PartnerId, "not-the-secret"));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Provider.GetClientCredentialsTokenAsync(TestIdentityProviderFixture.ClientId, TestIdentityProviderFixture.ClientSecret));
    }

    [Fact]
    public async Task WhileDown_EveryEndpointAnswers503_AndAfterwardsItAnswersAgain()
    {
        Provider.IsDown = true;
        using var discovery = await Http.GetAsync(Provider.DiscoveryDocument);
        using var token = await Http.PostAsync(Provider.TokenEndpoint, new FormUrlEncodedContent([]));
        using var authorize = await Http.GetAsync(Provider.AuthorizationEndpoint);
        Provider.IsDown = false;
        using var again = await Http.GetAsync(Provider.DiscoveryDocument);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, discovery.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, authorize.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ABackChannelLogoutToken_IsSignedAndCarriesTheLogoutEvent_AndNoNonce()
    {
        var logoutToken = Provider.MakeBackChannelLogoutToken(TestIdentityProviderFixture.ClientId, "3f6a1c2e-0001", "session-1");

        var result = await ValidateAsync(logoutToken, TestIdentityProviderFixture.ClientId);

        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal("logout+jwt", token.Typ);
        Assert.Equal(Provider.Issuer.AbsoluteUri, token.Issuer);
        Assert.Equal([TestIdentityProviderFixture.ClientId], token.Audiences);
        Assert.Equal("3f6a1c2e-0001", token.Subject);
        Assert.Equal("session-1", token.GetPayloadValue<string>("sid"));
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.True(token.IssuedAt > DateTime.UtcNow.AddMinutes(-1));
        Assert.False(token.TryGetPayloadValue<object>("nonce", out _));
        var events = token.GetPayloadValue<JsonElement>("events");
        Assert.Equal(JsonValueKind.Object, events.GetProperty(TestIdentityProvider.BackChannelLogoutEvent).ValueKind);
        Assert.NotEqual(token.Id, new JsonWebToken(Provider.MakeBackChannelLogoutToken(TestIdentityProviderFixture.ClientId, "3f6a1c2e-0001")).Id);
    }

    [Fact]
    public async Task SendBackChannelLogout_PostsTheLogoutTokenAsAForm()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var endpoint = new Uri($"http://127.0.0.1:{port}/sign-in/oidc/northshire/back-channel-logout");
        var received = listener.GetContextAsync();

        var sending = Provider.SendBackChannelLogoutAsync(endpoint, TestIdentityProviderFixture.ClientId, "3f6a1c2e-0001");
        var context = await received;
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        var contentType = context.Request.ContentType;
        var path = context.Request.Url!.AbsolutePath;
        context.Response.StatusCode = 200;
        context.Response.Close();
        using var response = await sending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/x-www-form-urlencoded", contentType);
        Assert.Equal("/sign-in/oidc/northshire/back-channel-logout", path);
        var logoutToken = QueryHelpers.ParseQuery(body)["logout_token"].ToString();
        var result = await ValidateAsync(logoutToken, TestIdentityProviderFixture.ClientId);
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("3f6a1c2e-0001", ((JsonWebToken)result.SecurityToken).Subject);
    }

    [Fact]
    public async Task EndSession_IsCounted_AndRedirectsOnlyToARegisteredAddress()
    {
        var before = Provider.EndSessionRequests;
        var registered = QueryHelpers.AddQueryString(Provider.EndSessionEndpoint.AbsoluteUri, new Dictionary<string, string?>
        {
            ["post_logout_redirect_uri"] = TestIdentityProviderFixture.PostLogoutRedirectUri.AbsoluteUri,
            ["state"] = "bye",
        });
        var unregistered = QueryHelpers.AddQueryString(Provider.EndSessionEndpoint.AbsoluteUri, "post_logout_redirect_uri", "https://elsewhere.test/");

        using var signedOut = await Http.GetAsync(registered);
        using var refused = await Http.GetAsync(unregistered);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith(TestIdentityProviderFixture.PostLogoutRedirectUri.AbsoluteUri, signedOut.Headers.Location!.AbsoluteUri);
        Assert.Equal("bye", QueryHelpers.ParseQuery(signedOut.Headers.Location.Query)["state"]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before + 2, Provider.EndSessionRequests);
        Assert.Equal("bye", Provider.EndSessionRequestsSeen[^2].State);
    }

    private sealed record Authorization(string Code, string Verifier, string State, string Nonce);

    private async Task<Authorization> AuthorizeAsync(string loginHint)
    {
        var verifier = NewVerifier();
        var nonce = Guid.NewGuid().ToString("N");
        var (response, state) = await StartAuthorizeAsync(loginHint, Challenge(verifier), "S256", nonce: nonce);
        using (response)
        {
            var query = CallbackQuery(response);
            Assert.Equal(state, query["state"]);
            return new Authorization(query["code"], verifier, state, nonce);
        }
    }

    private async Task<(HttpResponseMessage Response, string State)> StartAuthorizeAsync(
        string loginHint, string challenge, string method, Uri? redirectUri = null, string? nonce = null)
    {
        var state = Guid.NewGuid().ToString("N");
        var uri = QueryHelpers.AddQueryString(Provider.AuthorizationEndpoint.AbsoluteUri, new Dictionary<string, string?>
        {
            ["client_id"] = TestIdentityProviderFixture.ClientId,
            ["redirect_uri"] = (redirectUri ?? TestIdentityProviderFixture.RedirectUri).AbsoluteUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile email",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = method,
            ["login_hint"] = loginHint,
            ["state"] = state,
            ["nonce"] = nonce ?? Guid.NewGuid().ToString("N"),
        });
        return (await Http.GetAsync(uri), state);
    }

    private static Dictionary<string, string> CallbackQuery(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(TestIdentityProviderFixture.RedirectUri.AbsoluteUri, location.AbsoluteUri);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }

    private static bool HasCode(HttpResponseMessage response) =>
        response.Headers.Location is { } location && QueryHelpers.ParseQuery(location.Query).ContainsKey("code");

    private Task<HttpResponseMessage> RedeemAsync(string code, string verifier, string secret = TestIdentityProviderFixture.ClientSecret) =>
        Http.PostAsync(Provider.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = TestIdentityProviderFixture.RedirectUri.AbsoluteUri,
            ["client_id"] = TestIdentityProviderFixture.ClientId,
            ["client_secret"] = secret,
            ["code_verifier"] = verifier,
        }));

    private async Task<string> RedeemForIdTokenAsync(Authorization authorization)
    {
        using var response = await RedeemAsync(authorization.Code, authorization.Verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var tokens = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return tokens.RootElement.GetProperty("id_token").GetString()!;
    }

    private async Task<JsonWebToken> SignInAndReadIdTokenAsync(string loginHint)
    {
        var idToken = await RedeemForIdTokenAsync(await AuthorizeAsync(loginHint));
        var result = await ValidateAsync(idToken, TestIdentityProviderFixture.ClientId);
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    private async Task<IList<SecurityKey>> SigningKeysAsync()
    {
        using var discovery = await GetJsonAsync(Provider.DiscoveryDocument);
        var jwks = await Http.GetStringAsync(discovery.RootElement.GetProperty("jwks_uri").GetString());
        return new JsonWebKeySet(jwks).GetSigningKeys();
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, string audience) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Provider.Issuer.AbsoluteUri,
            ValidAudience = audience,
            IssuerSigningKeys = await SigningKeysAsync(),
            ClockSkew = TimeSpan.FromMinutes(5),
        });

    private void SetTamper(string mode)
    {
        var tamper = Provider.Tamper;
        switch (mode)
        {
            case nameof(TestIdentityTamper.Audience): tamper.Audience = true; break;
            case nameof(TestIdentityTamper.Issuer): tamper.Issuer = true; break;
            case nameof(TestIdentityTamper.Expired): tamper.Expired = true; break;
            case nameof(TestIdentityTamper.Nonce): tamper.Nonce = true; break;
            case nameof(TestIdentityTamper.SignWithOtherKey): tamper.SignWithOtherKey = true; break;
            default: throw new ArgumentOutOfRangeException(nameof(mode), mode, "No such tamper.");
        }
    }

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    private static async Task<JsonDocument> GetJsonAsync(Uri uri)
    {
        using var response = await Http.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];

    private static string NewVerifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
