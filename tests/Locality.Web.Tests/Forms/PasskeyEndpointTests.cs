using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Access;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Persistence;
using Locality.Testing;
using Locality.Web.Controllers;
using Locality.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Locality.Web.Tests.Forms;

/// <summary>
/// The passkey endpoints over real HTTP, without a browser: a small software authenticator in the test makes real
/// WebAuthn answers (ES256 keys, CBOR attestation, signatures), so what the browser cannot be made to send (a key
/// already added to another account, an answer sent twice) is tried too. Every refusal is a 400 with plain words and
/// changes nothing.
/// </summary>
public sealed class PasskeyEndpointTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task APasskeyAdded_SignsInAlone_AndTheAuditSaysPasskey()
    {
        var (owner, account) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var key = new SoftwarePasskey(account.Id.Value);
        var added = await AddAsync(owner, key, "Work phone");
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal(Paths.MySignIn, added.Json.GetProperty("redirect").GetString());
        var list = await owner.GetAsync(PasskeysController.AddPath);
        Assert.Contains("Work phone", list.Document.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);

        using var browser = web.NewClient();
        var signedIn = await AssertWithAsync(browser, PasskeysController.SignInOptionsPath, PasskeysController.SignInPath, key);

        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
        Assert.Equal("/", signedIn.Json.GetProperty("redirect").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        Assert.Equal([SignInMethod.Passkey], await AuditedMethodsAfterOpeningAPersonAsync(browser, account));
    }

    [Fact]
    public async Task AnAnswerSentAgain_IsRefused_EvenWithTheChallengeCookieKept()
    {
        var (owner, account) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var key = new SoftwarePasskey(account.Id.Value);
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(owner, key, "Laptop")).Status);

        using var jar = NewBrowser();
        var browser = jar.Client;
        var token = await TokenAsync(browser, PasskeysController.SignInPath);
        var options = await PostJsonAsync(browser, PasskeysController.SignInOptionsPath, "{}", token);
        var ceremony = jar.Cookies.GetCookies(web.BaseAddress)[CeremonyCookieName]?.Value ?? throw new InvalidOperationException("No ceremony cookie was kept.");
        var answer = key.Assert(options.Json, web.BaseAddress);
        var first = await PostJsonAsync(browser, PasskeysController.SignInPath, Body(answer), token);
        Assert.Equal(HttpStatusCode.OK, first.Status);

        using var thiefJar = NewBrowser();
        var thief = thiefJar.Client;
        var thiefToken = await TokenAsync(thief, PasskeysController.SignInPath);
        var sameCookieGone = await PostJsonAsync(thief, PasskeysController.SignInPath, Body(answer), thiefToken);
        thiefJar.Cookies.Add(web.BaseAddress, new Cookie(CeremonyCookieName, ceremony, "/"));
        var withCopiedCookie = await PostJsonAsync(thief, PasskeysController.SignInPath, Body(answer), thiefToken);

        Assert.Equal(PasskeysController.NotUnderway, sameCookieGone.Message);
        Assert.Equal(HttpStatusCode.BadRequest, withCopiedCookie.Status);
        Assert.Equal(PasskeysController.NotAccepted, withCopiedCookie.Message);
        Assert.Equal(HttpStatusCode.Redirect, (await thief.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task AddingAPasskeyAlreadyAddedToAnotherAccount_IsRefused_AndAddsNothing()
    {
        var (first, firstAccount) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var (second, _) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var key = new SoftwarePasskey(firstAccount.Id.Value);
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(first, key, "Shared key")).Status);

        var again = await AddAsync(second, key, "Shared key");

        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal(PasskeysController.AlreadyAdded, again.Message);
        Assert.Null((await second.GetAsync(PasskeysController.AddPath)).Document.QuerySelector("main table"));
    }

    [Fact]
    public async Task SecondStep_WithAnotherAccountsPasskey_IsRefused_AndSignsNoOneIn_ButTheirOwnCompletesIt()
    {
        var (other, otherAccount) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var othersKey = new SoftwarePasskey(otherAccount.Id.Value);
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(other, othersKey, "Theirs")).Status);
        var (mine, myAccount) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var myKey = new SoftwarePasskey(myAccount.Id.Value);
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(mine, myKey, "Mine")).Status);

        using var jar = NewBrowser(myAccount);
        var browser = jar.Client;
        var refused = await AssertWithAsync(browser, PasskeysController.SecondStepOptionsPath, PasskeysController.SecondStepPath, othersKey, PasskeysController.SecondStepPath);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(PasskeysController.AnotherAccount, refused.Message);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/")).StatusCode);

        var completed = await AssertWithAsync(browser, PasskeysController.SecondStepOptionsPath, PasskeysController.SecondStepPath, myKey, PasskeysController.SecondStepPath);
        Assert.Equal(HttpStatusCode.OK, completed.Status);
        Assert.Equal([SignInMethod.PasswordAndPasskey], await AuditedMethodsAfterOpeningAPersonAsync(browser, myAccount));
    }

    [Fact]
    public async Task ConfirmingItIsYou_WithAnotherAccountsPasskey_IsRefused_AndWithYourOwn_GoesBackOnlyToThisSite()
    {
        var (other, otherAccount) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var othersKey = new SoftwarePasskey(otherAccount.Id.Value);
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(other, othersKey, "Theirs")).Status);
        var (mine, myAccount) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var myKey = new SoftwarePasskey(myAccount.Id.Value);
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(mine, myKey, "Mine")).Status);

        var refused = await AssertWithAsync(mine, PasskeysController.ConfirmOptionsPath, PasskeysController.ConfirmPath, othersKey, PasskeysController.AddPath, "/people");
        var elsewhere = await AssertWithAsync(mine, PasskeysController.ConfirmOptionsPath, PasskeysController.ConfirmPath, myKey, PasskeysController.AddPath, "https://example.com/");
        var confirmed = await AssertWithAsync(mine, PasskeysController.ConfirmOptionsPath, PasskeysController.ConfirmPath, myKey, PasskeysController.AddPath, "/people");

        Assert.Equal(PasskeysController.AnotherAccount, refused.Message);
        Assert.Equal("/", elsewhere.Json.GetProperty("redirect").GetString());
        Assert.Equal("/people", confirmed.Json.GetProperty("redirect").GetString());
    }

    [Fact]
    public async Task AStoppedAccountsPasskey_SignsNoOneIn()
    {
        var (owner, account) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var key = new SoftwarePasskey(account.Id.Value);
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(owner, key, "Work phone")).Status);
        await using (var scope = web.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IIdentityService>().SetSignInAllowedAsync(account.Id, false, CancellationToken.None);
        }

        using var browser = web.NewClient();
        var refused = await AssertWithAsync(browser, PasskeysController.SignInOptionsPath, PasskeysController.SignInPath, key);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(PasskeysController.CannotSignIn, refused.Message);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task ARemovedPasskey_NoLongerSignsIn_AndAnotherAccountsCannotBeRemoved()
    {
        var (owner, account) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var (stranger, _) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var key = new SoftwarePasskey(account.Id.Value);
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(owner, key, "Old phone")).Status);

        var strangersToken = await TokenAsync(stranger, PasskeysController.AddPath);
        var byStranger = await stranger.PostAsync(PasskeysController.RemovePath, [new("__RequestVerificationToken", strangersToken), new("credentialId", key.CredentialIdText)]);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.Status);
        var list = await owner.GetAsync(PasskeysController.AddPath);
        var removed = await owner.PressAsync(list, "Remove the passkey Old phone");
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);

        using var browser = web.NewClient();
        var refused = await AssertWithAsync(browser, PasskeysController.SignInOptionsPath, PasskeysController.SignInPath, key);
        Assert.Equal(PasskeysController.NotKnown, refused.Message);
        Assert.Null((await owner.GetAsync(PasskeysController.AddPath)).Document.QuerySelector("main table"));
    }

    [Fact]
    public async Task SettingUp_APasskeyAtTheFirstSignIn_CompletesIt_ButNotForAnAccountThatHasASecondFactor()
    {
        var account = await web.CreateAccountAsync(Roles.KeyWorker);
        await using (var scope = web.Services.CreateAsyncScope())
        {
            // An account with no second factor yet (test accounts come with an authenticator app).
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Locality.Infrastructure.Identity.ApplicationUser>>();
            var user = await users.FindByIdAsync(account.Id.Value.ToString());
            await users.SetTwoFactorEnabledAsync(user!, false);
            await users.RemoveAuthenticationTokenAsync(user!, "[AspNetUserStore]", "AuthenticatorKey");
        }

        var key = new SoftwarePasskey(account.Id.Value);
        using var jar = NewBrowser(account);
        var browser = jar.Client;

        var set = await CreateWithAsync(browser, PasskeysController.SetUpOptionsPath, PasskeysController.SetUpPath, key, "Work phone", PasskeysController.SetUpPath);

        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal("/", set.Json.GetProperty("redirect").GetString());
        Assert.Equal([SignInMethod.PasswordAndPasskey], await AuditedMethodsAfterOpeningAPersonAsync(browser, account));

        // Someone with only the password of an account that has a passkey cannot add their own as its second factor.
        using var intruderJar = NewBrowser(account);
        var intruder = intruderJar.Client;
        var token = await TokenAsync(intruder, PasskeysController.SecondStepPath);
        var options = await PostJsonAsync(intruder, PasskeysController.SetUpOptionsPath, "{}", token);
        Assert.Equal(HttpStatusCode.BadRequest, options.Status);
        Assert.Equal(PasskeysController.AlreadySetUp, options.Message);
        Assert.Single(await PasskeysOfAsync(account));
    }

    [Fact]
    public async Task ThePendingEndpoints_WithNoOneBetweenTheSteps_SayTheSignInRanOut()
    {
        using var browser = web.NewClient();
        var token = await TokenAsync(browser, PasskeysController.SignInPath);

        foreach (var path in new[] { PasskeysController.SecondStepOptionsPath, PasskeysController.SetUpOptionsPath })
        {
            var answer = await PostJsonAsync(browser, path, "{}", token);
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal(PasskeysController.NoOneSigningIn, answer.Message);
        }
    }

    public static TheoryData<string, string, string> BadAnswers => new()
    {
        { "not JSON", "{\"credential\": {", PasskeysController.NotReadable },
        { "no credential", "{\"name\": \"Work phone\"}", PasskeysController.NotReadable },
        { "a credential that is not an object", "[1, 2, 3]", PasskeysController.NotReadable },
        { "a null character in the credential", "{\"name\": \"Phone\", \"credential\": {\"id\": \"a\\u0000b\", \"type\": \"public-key\"}}", PasskeysController.NotReadable },
        { "a null character in the name", "{\"name\": \"Ph\\u0000one\", \"credential\": {\"id\": \"AAAA\"}}", StorableText.Message },
        { "half a character in the name", "{\"name\": \"Ph\\ud800one\", \"credential\": {\"id\": \"AAAA\"}}", StorableText.Message },
        { "no name", "{\"credential\": {\"id\": \"AAAA\"}}", PasskeysController.EnterName },
        { "a long name", "{\"name\": \"" + new string('x', 51) + "\", \"credential\": {\"id\": \"AAAA\"}}", PasskeysController.NameTooLong },
        { "a huge body", "{\"name\": \"Phone\", \"credential\": {\"id\": \"" + new string('A', 70_000) + "\"}}", PasskeysController.TooLarge },
        { "a made-up credential", "{\"name\": \"Phone\", \"credential\": {\"id\": \"AAAA\", \"type\": \"public-key\", \"response\": {}}}", PasskeysController.NotAccepted },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task ABadAnswer_Gets400WithPlainWords_AndAddsNothing(string what, string body, string message)
    {
        var (owner, account) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var token = await TokenAsync(owner, PasskeysController.AddPath);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(owner, PasskeysController.CreationOptionsPath, "{}", token)).Status);

        var answer = await PostJsonAsync(owner, PasskeysController.AddPath, body, token);

        Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{what}: {(int)answer.Status}");
        Assert.Equal(message, answer.Message);
        Assert.Empty(await PasskeysOfAsync(account));
    }

    [Fact]
    public async Task AnAnswerWithNoRequestBeforeIt_OrNotSentAsJson_IsRefused()
    {
        var (owner, _) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var token = await TokenAsync(owner, PasskeysController.AddPath);
        var key = new SoftwarePasskey(Guid.NewGuid());

        var unasked = await PostJsonAsync(owner, PasskeysController.SignInPath, Body(key.Assert(JsonDocument.Parse("{\"challenge\":\"AAAA\"}").RootElement, web.BaseAddress)), token);
        var asForm = await owner.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, PasskeysController.AddPath)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("credential", "{}")]),
        });

        Assert.Equal(PasskeysController.NotUnderway, unasked.Message);
        Assert.Equal(HttpStatusCode.BadRequest, asForm.StatusCode);
    }

    [Fact]
    public async Task TheAnonymousPasskeyPosts_WithoutTheAntiForgeryToken_AreRefused()
    {
        using var jar = NewBrowser();
        var browser = jar.Client;
        foreach (var path in new[]
                 {
                     PasskeysController.SignInOptionsPath, PasskeysController.SignInPath, PasskeysController.SecondStepOptionsPath,
                     PasskeysController.SecondStepPath, PasskeysController.SetUpOptionsPath, PasskeysController.SetUpPath,
                 })
        {
            var answer = await PostJsonAsync(browser, path, "{}", token: null);
            Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{path}: {(int)answer.Status}");
            Assert.Null(jar.Cookies.GetCookies(web.BaseAddress)[CeremonyCookieName]);
        }
    }

    // ----- Helpers -----

    private const string CeremonyCookieName = "locality-passkey";

    /// <summary>
    /// A client that keeps cookies (and its cookie jar); given an account, it has done the first step of signing in
    /// (the password) for it: Identity's two-factor cookie as <see cref="SignInSessions.BeginSecondStepAsync"/> writes
    /// it. When the password step on /sign-in begins the second step, this can post the email and password there instead.
    /// </summary>
    private TestBrowser NewBrowser(StaffAccount? betweenTheSteps = null)
    {
        var cookies = new CookieContainer();
        if (betweenTheSteps is not null)
        {
            var (name, value) = PendingSignInCookie(web, betweenTheSteps);
            cookies.Add(web.BaseAddress, new Cookie(name, value, "/"));
        }

        var client = new FormClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = web.BaseAddress });
        return new TestBrowser(client, cookies);
    }

    /// <summary>The cookie saying this account has done the first step of signing in with its password (see <see cref="NewBrowser"/>).</summary>
    public static (string Name, string Value) PendingSignInCookie(WebFactory web, StaffAccount account)
    {
        var options = web.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.TwoFactorUserIdScheme);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account.Id.Value.ToString()), new Claim("locality:first_step", "password")], IdentityConstants.TwoFactorUserIdScheme);
        var now = web.Clock.GetUtcNow();
        var ticket = new AuthenticationTicket(
            new ClaimsPrincipal(identity), new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddMinutes(5) }, IdentityConstants.TwoFactorUserIdScheme);
        return (options.Cookie.Name!, options.TicketDataFormat.Protect(ticket));
    }

    private async Task<Answer> AddAsync(FormClient client, SoftwarePasskey key, string name) =>
        await CreateWithAsync(client, PasskeysController.CreationOptionsPath, PasskeysController.AddPath, key, name, PasskeysController.AddPath);

    private async Task<Answer> CreateWithAsync(FormClient client, string optionsPath, string finishPath, SoftwarePasskey key, string name, string pageWithToken)
    {
        var token = await TokenAsync(client, pageWithToken);
        var options = await PostJsonAsync(client, optionsPath, "{}", token);
        Assert.True(options.Status == HttpStatusCode.OK, $"{optionsPath}: {(int)options.Status} {options.Message}");
        var body = JsonSerializer.Serialize(new { name, credential = key.Create(options.Json, web.BaseAddress) });
        return await PostJsonAsync(client, finishPath, body, token);
    }

    private async Task<Answer> AssertWithAsync(FormClient client, string optionsPath, string finishPath, SoftwarePasskey key, string pageWithToken = PasskeysController.SignInPath, string? returnUrl = null)
    {
        var token = await TokenAsync(client, pageWithToken);
        var options = await PostJsonAsync(client, optionsPath, "{}", token);
        Assert.True(options.Status == HttpStatusCode.OK, $"{optionsPath}: {(int)options.Status} {options.Message}");
        return await PostJsonAsync(client, finishPath, Body(key.Assert(options.Json, web.BaseAddress), returnUrl), token);
    }

    private static string Body(JsonElement credential, string? returnUrl = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["credential"] = credential, ["returnUrl"] = returnUrl });

    private static async Task<string> TokenAsync(FormClient client, string page)
    {
        var document = (await client.GetAsync(page)).Document;
        return document.QuerySelector("form[data-passkey] input[name=__RequestVerificationToken]")?.GetAttribute("value")
               ?? throw new InvalidOperationException($"No passkey form with an anti-forgery token on {page}.");
    }

    /// <summary>Posts JSON as <c>passkeys.js</c> does from a page of this site (a browser names the page's origin).</summary>
    private async Task<Answer> PostJsonAsync(FormClient client, string path, string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", web.BaseAddress.GetLeftPart(UriPartial.Authority));
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode} {text}");
        var json = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new Answer(response.StatusCode, json);
    }

    private async Task<IList<UserPasskeyInfo>> PasskeysOfAsync(StaffAccount account)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetPasskeysAsync((await users.FindByIdAsync(account.Id.Value.ToString()))!);
    }

    /// <summary>Adds a person and opens their record as the client, then returns how each audit row of that person's says they signed in.</summary>
    public static async Task<List<SignInMethod?>> AuditedMethodsAfterOpeningAPersonAsync(WebFactory web, FormClient client, StaffAccount account)
    {
        var added = await client.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Passkey",
            ["FamilyName"] = "Person" + Guid.NewGuid().ToString("N")[..6],
            ["ApproximateAge"] = "40",
            ["ConfirmedNew"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(added.Response.Headers.Location!.ToString())).Status);

        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        var methods = await db.AuditRecords.AsNoTracking().Where(a => a.UserId == account.Id).Select(a => a.SignInMethod).Distinct().ToListAsync();
        Assert.NotEmpty(methods);
        return methods;
    }

    private Task<List<SignInMethod?>> AuditedMethodsAfterOpeningAPersonAsync(FormClient client, StaffAccount account) =>
        AuditedMethodsAfterOpeningAPersonAsync(web, client, account);

    private sealed record TestBrowser(FormClient Client, CookieContainer Cookies) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    private sealed record Answer(HttpStatusCode Status, JsonElement Json)
    {
        public string? Message => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("message", out var m) ? m.GetString() : null;
    }

    /// <summary>
    /// An authenticator in software: one ES256 key, made as WebAuthn's "none" attestation and signing assertions with a
    /// counter that goes up each time, as a phone or a security key does.
    /// </summary>
    private sealed class SoftwarePasskey(Guid userId) : IDisposable
    {
        private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        private readonly byte[] credentialId = RandomNumberGenerator.GetBytes(16);
        private uint counter;

        public string CredentialIdText => Base64Url(credentialId);

        public JsonElement Create(JsonElement options, Uri site)
        {
            var clientData = ClientData("webauthn.create", options.GetProperty("challenge").GetString()!, site);
            var parameters = key.ExportParameters(false);
            var coseKey = Cbor.Map(
                (Cbor.Int(1), Cbor.Int(2)), (Cbor.Int(3), Cbor.Int(-7)), (Cbor.Int(-1), Cbor.Int(1)),
                (Cbor.Int(-2), Cbor.Bytes(parameters.Q.X!)), (Cbor.Int(-3), Cbor.Bytes(parameters.Q.Y!)));
            byte[] authenticatorData =
            [
                .. SHA256.HashData(Encoding.UTF8.GetBytes(site.Host)), 0x45, .. Counter(), .. new byte[16],
                (byte)(credentialId.Length >> 8), (byte)credentialId.Length, .. credentialId, .. coseKey,
            ];
            var attestation = Cbor.Map(
                (Cbor.Text("fmt"), Cbor.Text("none")), (Cbor.Text("attStmt"), Cbor.Map()), (Cbor.Text("authData"), Cbor.Bytes(authenticatorData)));
            return Json(new
            {
                id = CredentialIdText,
                rawId = CredentialIdText,
                type = "public-key",
                clientExtensionResults = new { },
                response = new { clientDataJSON = Base64Url(clientData), attestationObject = Base64Url(attestation), transports = new[] { "internal" } },
            });
        }

        public JsonElement Assert(JsonElement options, Uri site)
        {
            var clientData = ClientData("webauthn.get", options.GetProperty("challenge").GetString()!, site);
            byte[] authenticatorData = [.. SHA256.HashData(Encoding.UTF8.GetBytes(site.Host)), 0x05, .. Counter()];
            var signature = key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            return Json(new
            {
                id = CredentialIdText,
                rawId = CredentialIdText,
                type = "public-key",
                clientExtensionResults = new { },
                response = new
                {
                    clientDataJSON = Base64Url(clientData),
                    authenticatorData = Base64Url(authenticatorData),
                    signature = Base64Url(signature),
                    userHandle = Base64Url(Encoding.UTF8.GetBytes(userId.ToString())),
                },
            });
        }

        public void Dispose() => key.Dispose();

        private static byte[] ClientData(string type, string challenge, Uri site) =>
            JsonSerializer.SerializeToUtf8Bytes(new { type, challenge, origin = site.GetLeftPart(UriPartial.Authority), crossOrigin = false });

        private byte[] Counter()
        {
            var value = ++counter;
            return [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
        }

        private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);

        private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    /// <summary>The little of CBOR (RFC 8949) an attestation needs: integers, byte and text strings, maps.</summary>
    private static class Cbor
    {
        public static byte[] Int(long value) => value >= 0 ? Head(0, (ulong)value) : Head(1, (ulong)(-1 - value));

        public static byte[] Bytes(byte[] value) => [.. Head(2, (ulong)value.Length), .. value];

        public static byte[] Text(string value) => [.. Head(3, (ulong)Encoding.UTF8.GetByteCount(value)), .. Encoding.UTF8.GetBytes(value)];

        public static byte[] Map(params (byte[] Key, byte[] Value)[] entries) =>
            [.. Head(5, (ulong)entries.Length), .. entries.SelectMany(e => e.Key.Concat(e.Value))];

        private static byte[] Head(int major, ulong value) => value switch
        {
            < 24 => [(byte)((major << 5) | (int)value)],
            < 256 => [(byte)((major << 5) | 24), (byte)value],
            < 65536 => [(byte)((major << 5) | 25), (byte)(value >> 8), (byte)value],
            _ => [(byte)((major << 5) | 26), (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value],
        };
    }
}
