using System.Buffers.Text;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Locality.Application.Common.Validation;
using Locality.Domain.Access;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Web;
using Locality.Web.Infrastructure;
using Locality.Web.ViewComponents;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>
/// Passkeys, through ASP.NET Core Identity's own passkey handler: adding one to your account (on "Your sign-in", or
/// as your second factor when you first sign in), signing in with one alone, giving one as the second step, and
/// confirming it is you with one. Each ceremony is two calls from <c>passkeys.js</c>: the options for the browser,
/// then what the browser's authenticator made of them.
/// <para>
/// The challenge between the two calls is kept in a protected cookie of its own, read once and then removed, rather
/// than where <see cref="SignInManager{TUser}"/> keeps it (Identity's two-factor cookie): that cookie is also where
/// <see cref="SignInSessions"/> remembers who is between the two steps of signing in, and the passkey state would
/// overwrite it.
/// </para>
/// </summary>
[Authorize]
public sealed class PasskeysController(
    IPasskeyHandler<ApplicationUser> passkeys,
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    SignInSessions sessions,
    IDataProtectionProvider protection,
    TimeProvider clock) : Controller
{
    public const string CreationOptionsPath = "/account/sign-in/passkeys/creation-options";
    public const string AddPath = "/account/sign-in/passkeys";
    public const string RemovePath = "/account/sign-in/passkeys/remove";
    public const string SetUpOptionsPath = "/sign-in/set-up/passkey/creation-options";
    public const string SetUpPath = "/sign-in/set-up/passkey";
    public const string SignInOptionsPath = "/sign-in/passkey/request-options";
    public const string SignInPath = "/sign-in/passkey";
    public const string SecondStepOptionsPath = "/sign-in/second-factor/passkey/request-options";
    public const string SecondStepPath = "/sign-in/second-factor/passkey";
    public const string ConfirmOptionsPath = "/sign-in/confirm/passkey/request-options";
    public const string ConfirmPath = "/sign-in/confirm/passkey";

    /// <summary>The most a passkey's name may hold, in characters.</summary>
    public const int LongestName = 50;

    /// <summary>The most passkeys one account may have.</summary>
    public const int MostPasskeys = 10;

    /// <summary>More than any authenticator's answer needs (an attestation is a few kilobytes).</summary>
    private const int LargestBody = 64 * 1024;

    private const string CeremonyCookie = "locality-passkey";
    private static readonly TimeSpan CeremonyLifetime = TimeSpan.FromMinutes(5);

    public const string NotUnderway =
        "The passkey request has run out of time or was already used. Try again";
    public const string NotReadable = "The passkey's answer could not be read. Try again";
    public const string TooLarge = "The passkey's answer is too large to be a passkey's. Try again";
    public const string NotAccepted = "That passkey could not be checked. Try again, or use another way to sign in";
    public const string AnotherAccount = "That passkey belongs to another account. Use a passkey you added to this account";
    public const string AlreadyAdded = "That passkey is already added to an account. Use another passkey, or remove it from the other account first";
    public const string NotKnown = "That passkey is not known here. It may have been removed. Use another way to sign in";
    public const string CannotSignIn = "You cannot sign in with that passkey. Ask your team's administrator";
    public const string NoOneSigningIn = "Your sign-in has run out of time. Start again from the sign-in page";
    public const string AlreadySetUp = "Your account already has a second factor. Use it to sign in";
    public const string EnterName = "Enter a name for the passkey, such as Work phone";
    public const string NameTooLong = "The passkey's name must be 50 characters or fewer";
    public const string TooMany = "You have 10 passkeys already. Remove one you no longer use before adding another";

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Locality.Passkeys.Ceremony").ToTimeLimitedDataProtector();

    // ----- Pages of their own, each holding one of the view components (the sign-in pages include the same ones) -----

    [HttpGet(AddPath)]
    public IActionResult YourPasskeys() => View();

    [AllowAnonymous]
    [HttpGet(SignInPath)]
    public IActionResult SignInPage(string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : Paths.Home);
        }

        ViewData["ReturnUrl"] = returnUrl;
        return View("SignIn");
    }

    [AllowAnonymous]
    [HttpGet(SecondStepPath)]
    public async Task<IActionResult> SecondStepPage(string? returnUrl)
    {
        if (await sessions.GetPendingAsync() is null)
        {
            return Redirect(Paths.SignIn);
        }

        ViewData["ReturnUrl"] = returnUrl;
        return View("SecondStep");
    }

    [AllowAnonymous]
    [HttpGet(SetUpPath)]
    public async Task<IActionResult> SetUpPage()
    {
        var pending = await sessions.GetPendingAsync();
        if (pending is null)
        {
            return Redirect(Paths.SignIn);
        }

        return await HasSecondFactorAsync(pending.User) ? Redirect(SecondStepPath) : View("SetUp");
    }

    [HttpGet(ConfirmPath)]
    public IActionResult ConfirmPage(string? returnUrl)
    {
        ViewData["ReturnUrl"] = Url.IsLocalUrl(returnUrl) ? returnUrl : Paths.Home;
        return View("Confirm");
    }

    // ----- Adding a passkey to your own account ("Your sign-in") -----

    [HttpPost(CreationOptionsPath)]
    public async Task<IActionResult> CreationOptions()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if ((await users.GetPasskeysAsync(user)).Count >= MostPasskeys)
        {
            return Refuse(TooMany, "Name");
        }

        return await CreationOptionsForAsync(user, Purpose("add", user));
    }

    [HttpPost(AddPath)]
    public async Task<IActionResult> Add()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var (answer, problem) = await ReadAnswerAsync(needsName: true);
        if (problem is not null)
        {
            return problem;
        }

        var (added, refusal) = await AttestAsync(user, Purpose("add", user), answer!);
        if (refusal is not null)
        {
            return refusal;
        }

        TempData["Success"] = $"The passkey {added!.Name} is added. You can use it to sign in";
        return Next(Url.IsLocalUrl(answer!.ReturnUrl) ? answer.ReturnUrl! : Paths.MySignIn);
    }

    [HttpPost(RemovePath)]
    public async Task<IActionResult> Remove(string? credentialId, string? returnUrl)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var id = FromBase64Url(credentialId);
        var passkey = id is null ? null : await users.GetPasskeyAsync(user, id);
        if (passkey is null)
        {
            // Another account's passkey, one already removed, or made up: the same answer for each.
            return NotFound();
        }

        var removed = await users.RemovePasskeyAsync(user, id!);
        if (!removed.Succeeded)
        {
            return NotFound();
        }

        TempData["Success"] = $"The passkey {passkey.Name ?? "without a name"} is removed. It cannot be used to sign in any more";
        return Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : Paths.MySignIn);
    }

    // ----- A passkey as the second factor set up at the first sign-in -----

    [AllowAnonymous]
    [HttpPost(SetUpOptionsPath)]
    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> SetUpOptions()
    {
        var pending = await sessions.GetPendingAsync();
        if (pending is null)
        {
            return Refuse(NoOneSigningIn);
        }

        if (await HasSecondFactorAsync(pending.User))
        {
            return Refuse(AlreadySetUp);
        }

        return await CreationOptionsForAsync(pending.User, Purpose("set-up", pending.User));
    }

    [AllowAnonymous]
    [HttpPost(SetUpPath)]
    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> SetUp()
    {
        var (answer, problem) = await ReadAnswerAsync(needsName: true);
        if (problem is not null)
        {
            return problem;
        }

        var pending = await sessions.GetPendingAsync();
        if (pending is null)
        {
            return Refuse(NoOneSigningIn);
        }

        // Only an account with no second factor yet may add one here, where only the first step has been done.
        if (await HasSecondFactorAsync(pending.User))
        {
            return Refuse(AlreadySetUp);
        }

        var (_, refusal) = await AttestAsync(pending.User, Purpose("set-up", pending.User), answer!);
        if (refusal is not null)
        {
            return refusal;
        }

        await sessions.CompleteSecondStepAsync(pending, SecondFactorKind.Passkey, IdentityConstants.ApplicationScheme);
        return Next(Paths.Home);
    }

    // ----- Signing in with a passkey alone (it is both factors) -----

    [AllowAnonymous]
    [HttpPost(SignInOptionsPath)]
    [RateLimited(RateLimits.SignIn)]
    public Task<IActionResult> SignInOptions() => RequestOptionsAsync("sign-in");

    [AllowAnonymous]
    [HttpPost(SignInPath)]
    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> SignInWithPasskey()
    {
        var (answer, problem) = await ReadAnswerAsync(needsName: false);
        if (problem is not null)
        {
            return problem;
        }

        var (user, refusal) = await AssertAsync("sign-in", answer!, expected: null);
        if (refusal is not null)
        {
            return refusal;
        }

        // Anyone half-way through signing in another way in this browser is replaced by this sign-in.
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await sessions.SignInAsync(user!, SignInMethod.Passkey, IdentityConstants.ApplicationScheme);
        return Next(Url.IsLocalUrl(answer!.ReturnUrl) ? answer.ReturnUrl! : Paths.Home);
    }

    // ----- A passkey as the second step, after a password or the agency's provider -----

    [AllowAnonymous]
    [HttpPost(SecondStepOptionsPath)]
    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> SecondStepOptions()
    {
        var pending = await sessions.GetPendingAsync();
        return pending is null ? Refuse(NoOneSigningIn) : await RequestOptionsAsync(Purpose("second-step", pending.User));
    }

    [AllowAnonymous]
    [HttpPost(SecondStepPath)]
    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> SecondStep()
    {
        var (answer, problem) = await ReadAnswerAsync(needsName: false);
        if (problem is not null)
        {
            return problem;
        }

        var pending = await sessions.GetPendingAsync();
        if (pending is null)
        {
            return Refuse(NoOneSigningIn);
        }

        var (_, refusal) = await AssertAsync(Purpose("second-step", pending.User), answer!, expected: pending.User);
        if (refusal is not null)
        {
            return refusal;
        }

        await sessions.CompleteSecondStepAsync(pending, SecondFactorKind.Passkey, IdentityConstants.ApplicationScheme);
        return Next(Url.IsLocalUrl(answer!.ReturnUrl) ? answer.ReturnUrl! : Paths.Home);
    }

    // ----- Confirming it is you before a serious act -----

    [HttpPost(ConfirmOptionsPath)]
    public async Task<IActionResult> ConfirmOptions()
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : await RequestOptionsAsync(Purpose("confirm", user));
    }

    [HttpPost(ConfirmPath)]
    public async Task<IActionResult> Confirm()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var (answer, problem) = await ReadAnswerAsync(needsName: false);
        if (problem is not null)
        {
            return problem;
        }

        var (_, refusal) = await AssertAsync(Purpose("confirm", user), answer!, expected: user);
        if (refusal is not null)
        {
            return refusal;
        }

        await sessions.ConfirmSecondFactorAsync(user, User, IdentityConstants.ApplicationScheme);
        return Next(Url.IsLocalUrl(answer!.ReturnUrl) ? answer.ReturnUrl! : Paths.Home);
    }

    // ----- The ceremonies -----

    private async Task<IActionResult> CreationOptionsForAsync(ApplicationUser user, string purpose)
    {
        var name = await users.GetEmailAsync(user) ?? await users.GetUserNameAsync(user) ?? user.Id.ToString();
        var displayName = User.FindFirstValue(LocalityClaimTypes.DisplayName) ?? name;
        var options = await passkeys.MakeCreationOptionsAsync(
            new PasskeyUserEntity { Id = user.Id.ToString(), Name = name, DisplayName = displayName }, HttpContext);
        KeepCeremony(purpose, options.AttestationState);
        return Content(options.CreationOptionsJson, "application/json", Encoding.UTF8);
    }

    /// <summary>
    /// Asks for any passkey this site knows (none is named to the browser, so the options say nothing about who has
    /// which); whose it turned out to be is checked when the answer comes back.
    /// </summary>
    private async Task<IActionResult> RequestOptionsAsync(string purpose)
    {
        var options = await passkeys.MakeRequestOptionsAsync(null, HttpContext);
        KeepCeremony(purpose, options.AssertionState);
        return Content(options.RequestOptionsJson, "application/json", Encoding.UTF8);
    }

    private async Task<(UserPasskeyInfo? Added, IActionResult? Refusal)> AttestAsync(ApplicationUser user, string purpose, Answer answer)
    {
        if (TakeCeremony(purpose) is not { } state)
        {
            return (null, Refuse(NotUnderway));
        }

        if ((await users.GetPasskeysAsync(user)).Count >= MostPasskeys)
        {
            return (null, Refuse(TooMany, "Name"));
        }

        var result = await passkeys.PerformAttestationAsync(new PasskeyAttestationContext
        {
            CredentialJson = answer.Credential,
            AttestationState = state,
            HttpContext = HttpContext,
        });
        if (!result.Succeeded)
        {
            return (null, Refuse(await IsRegisteredAsync(answer.CredentialId) ? AlreadyAdded : NotAccepted));
        }

        if (result.UserEntity.Id != user.Id.ToString())
        {
            return (null, Refuse(NotUnderway));
        }

        var passkey = result.Passkey;
        passkey.Name = answer.Name;
        var saved = await users.AddOrUpdatePasskeyAsync(user, passkey);
        return saved.Succeeded ? (passkey, null) : (null, Refuse(NotAccepted));
    }

    /// <summary>Checks the answer against the challenge given; then that it is the expected account's passkey (when one is), and that the account may sign in.</summary>
    private async Task<(ApplicationUser? User, IActionResult? Refusal)> AssertAsync(string purpose, Answer answer, ApplicationUser? expected)
    {
        if (TakeCeremony(purpose) is not { } state)
        {
            return (null, Refuse(NotUnderway));
        }

        var result = await passkeys.PerformAssertionAsync(new PasskeyAssertionContext
        {
            CredentialJson = answer.Credential,
            AssertionState = state,
            HttpContext = HttpContext,
        });
        if (!result.Succeeded)
        {
            var owner = answer.CredentialId is { } id ? await users.FindByPasskeyIdAsync(id) : null;
            return (null, Refuse(owner is null ? NotKnown : expected is not null && owner.Id != expected.Id ? AnotherAccount : NotAccepted));
        }

        var user = result.User;
        if (expected is not null && user.Id != expected.Id)
        {
            return (null, Refuse(AnotherAccount));
        }

        if (!await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            return (null, Refuse(CannotSignIn));
        }

        // Keeps the passkey's new signature count, so an answer copied and sent again is refused.
        var saved = await users.AddOrUpdatePasskeyAsync(user, result.Passkey);
        return saved.Succeeded ? (user, null) : (null, Refuse(NotAccepted));
    }

    private async Task<bool> HasSecondFactorAsync(ApplicationUser user) =>
        await users.GetTwoFactorEnabledAsync(user) || (await users.GetPasskeysAsync(user)).Count > 0;

    private async Task<bool> IsRegisteredAsync(byte[]? credentialId) =>
        credentialId is not null && await users.FindByPasskeyIdAsync(credentialId) is not null;

    private static string Purpose(string ceremony, ApplicationUser user) => $"{ceremony}:{user.Id}";

    private void KeepCeremony(string purpose, string? state)
    {
        var value = Protector.Protect(JsonSerializer.Serialize(new Ceremony(purpose, state ?? string.Empty)), clock.GetUtcNow().Add(CeremonyLifetime));
        Response.Cookies.Append(CeremonyCookie, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = Request.IsHttps,
            Path = "/",
            MaxAge = CeremonyLifetime,
            IsEssential = true,
        });
    }

    /// <summary>The state kept for this ceremony, once: the cookie goes whatever is in it.</summary>
    private string? TakeCeremony(string purpose)
    {
        if (!Request.Cookies.TryGetValue(CeremonyCookie, out var value))
        {
            return null;
        }

        Response.Cookies.Delete(CeremonyCookie, new CookieOptions { Path = "/", Secure = Request.IsHttps, SameSite = SameSiteMode.Strict, HttpOnly = true });
        try
        {
            var ceremony = JsonSerializer.Deserialize<Ceremony>(Protector.Unprotect(value, out var expires));
            return ceremony is not null && ceremony.Purpose == purpose && expires > clock.GetUtcNow() ? ceremony.State : null;
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The body <c>passkeys.js</c> sends: the browser's credential, and a name or where to go next.</summary>
    private async Task<(Answer? Answer, IActionResult? Problem)> ReadAnswerAsync(bool needsName)
    {
        if (Request.ContentLength > LargestBody)
        {
            return (null, Refuse(TooLarge));
        }

        if (Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, Refuse(NotReadable));
        }

        var buffer = new byte[LargestBody + 1];
        var read = 0;
        int last;
        while (read < buffer.Length && (last = await Request.Body.ReadAsync(buffer.AsMemory(read), HttpContext.RequestAborted)) > 0)
        {
            read += last;
        }

        if (read > LargestBody)
        {
            return (null, Refuse(TooLarge));
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, read), new JsonDocumentOptions { MaxDepth = 16 });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, Refuse(NotReadable));
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("credential", out var credential) || credential.ValueKind != JsonValueKind.Object)
        {
            return (null, Refuse(NotReadable));
        }

        if (!TryText(root, "name", out var name) || !TryText(root, "returnUrl", out var returnUrl) || !TryText(credential, "id", out var id))
        {
            // Text that is not text at all (half of a two-part character), which a name cannot keep either.
            return (null, Refuse(needsName ? StorableText.Message : NotReadable, needsName ? "Name" : null));
        }

        name = name?.Trim();
        if (needsName)
        {
            if (string.IsNullOrEmpty(name))
            {
                return (null, Refuse(EnterName, "Name"));
            }

            if (!StorableText.CanKeep(name))
            {
                return (null, Refuse(StorableText.Message, "Name"));
            }

            if (name.Length > LongestName)
            {
                return (null, Refuse(NameTooLong, "Name"));
            }
        }

        var credentialJson = credential.GetRawText();
        if (credentialJson.Contains("\\u0000", StringComparison.Ordinal) || (returnUrl is not null && !StorableText.CanKeep(returnUrl)))
        {
            return (null, Refuse(NotReadable));
        }

        return (new Answer(credentialJson, FromBase64Url(id), name, returnUrl), null);
    }

    /// <summary>A string property, or none; false when it cannot be read as text.</summary>
    private static bool TryText(JsonElement root, string property, out string? text)
    {
        text = null;
        if (!root.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static byte[]? FromBase64Url(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 2048 || !Base64Url.IsValid(text))
        {
            return null;
        }

        return Base64Url.DecodeFromChars(text);
    }

    /// <summary>Where the page goes next, as JSON for <c>passkeys.js</c>.</summary>
    private JsonResult Next(string path) => Json(new { redirect = path });

    /// <summary>A refusal in words for the page's error summary (400): nothing was changed.</summary>
    private JsonResult Refuse(string message, string? field = null) =>
        new(new PasskeyProblem(message, field)) { StatusCode = StatusCodes.Status400BadRequest };

    private sealed record Ceremony(string Purpose, string State);

    private sealed record Answer(string Credential, byte[]? CredentialId, string? Name, string? ReturnUrl);
}
