using Locality.Application.Common.Security;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Web;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>
/// The second step of signing in (an authenticator code or a recovery code; passkeys have their own controller), setting
/// up an authenticator app at the first sign-in of an account that has no second factor, and confirming it is you
/// before a serious act.
/// </summary>
[Authorize]
public sealed class SecondFactorController(
    SecondFactors secondFactors, SignInSessions sessions, UserManager<ApplicationUser> users, IDataProtectionProvider protection, TimeProvider clock)
    : Controller
{
    public const string WrongCode = "Enter the 6-digit code your authenticator app shows now. After 5 wrong codes in a row the account is locked for 15 minutes.";
    public const string UsedCode = "That code has been used already. Wait for your authenticator app to show a new code, then enter it.";
    public const string Locked = "There have been too many wrong codes, so the account is locked for 15 minutes. If you have lost your authenticator app, use a recovery code after that, or ask your administrator.";
    public const string WrongRecoveryCode = "Enter one of your recovery codes that has not been used. After 5 wrong codes in a row the account is locked for 15 minutes.";

    [AllowAnonymous]
    [HttpGet("/sign-in/second-factor")]
    public async Task<IActionResult> SecondFactor(string? returnUrl)
    {
        if (await sessions.GetPendingAsync() is not { } pending)
        {
            return Redirect(Paths.SignIn);
        }

        if (!await secondFactors.HasSecondFactorAsync(pending.User))
        {
            return LocalRedirect(AccountController.WithReturn(Paths.SetUpSecondFactor, returnUrl));
        }

        ViewData["HasAuthenticator"] = await secondFactors.HasAuthenticatorAsync(pending.User);
        return View(new SecondFactorForm { ReturnUrl = returnUrl });
    }

    [AllowAnonymous]
    [HttpPost("/sign-in/second-factor")]
    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> SecondFactor(SecondFactorForm form)
    {
        if (await sessions.GetPendingAsync() is not { } pending)
        {
            return Redirect(Paths.SignIn);
        }

        var result = await secondFactors.CheckAuthenticatorAsync(pending.User, form.Code);
        if (result == SecondFactorCheck.Accepted)
        {
            await sessions.CompleteSecondStepAsync(pending, SecondFactorKind.Authenticator, IdentityConstants.ApplicationScheme);
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }

        return CodeRefused(form, result);
    }

    [AllowAnonymous]
    [HttpGet("/sign-in/recovery-code")]
    public async Task<IActionResult> RecoveryCode(string? returnUrl) =>
        await sessions.GetPendingAsync() is null ? Redirect(Paths.SignIn) : View(new SecondFactorForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("/sign-in/recovery-code")]
    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> RecoveryCode(SecondFactorForm form)
    {
        if (await sessions.GetPendingAsync() is not { } pending)
        {
            return Redirect(Paths.SignIn);
        }

        var result = await secondFactors.UseRecoveryCodeAsync(pending.User, form.Code);
        if (result == SecondFactorCheck.Accepted)
        {
            await sessions.CompleteSecondStepAsync(pending, SecondFactorKind.RecoveryCode, IdentityConstants.ApplicationScheme);
            var left = await secondFactors.RecoveryCodesLeftAsync(pending.User);
            TempData["Success"] = $"You signed in with a recovery code. It will not work again; you have {left} left. If you have lost your authenticator app, set up a new one here.";
            return Redirect(Paths.MySignIn);
        }

        ModelState.AddModelError(nameof(form.Code), result == SecondFactorCheck.LockedOut ? Locked : WrongRecoveryCode);
        return Again(form);
    }

    /// <summary>An account with no second factor sets up an authenticator app (or a passkey) before its first session starts.</summary>
    [AllowAnonymous]
    [HttpGet("/sign-in/set-up")]
    public async Task<IActionResult> SetUp(string? returnUrl)
    {
        if (await sessions.GetPendingAsync() is not { } pending)
        {
            return Redirect(Paths.SignIn);
        }

        if (await secondFactors.HasSecondFactorAsync(pending.User))
        {
            return LocalRedirect(AccountController.WithReturn(Paths.SecondFactor, returnUrl));
        }

        return View("SetUpAuthenticator", NewSetUp(pending.User, returnUrl, atSignIn: true));
    }

    [AllowAnonymous]
    [HttpPost("/sign-in/set-up")]
    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> SetUp(AuthenticatorSetUpForm form)
    {
        if (await sessions.GetPendingAsync() is not { } pending)
        {
            return Redirect(Paths.SignIn);
        }

        if (await secondFactors.HasSecondFactorAsync(pending.User))
        {
            // Setting up at sign-in is only for an account with no second factor yet: one that has one uses it.
            return LocalRedirect(AccountController.WithReturn(Paths.SecondFactor, form.ReturnUrl));
        }

        if (await FinishSetUpAsync(pending.User, form, atSignIn: true) is { } again)
        {
            return again;
        }

        await sessions.CompleteSecondStepAsync(pending, SecondFactorKind.Authenticator, IdentityConstants.ApplicationScheme);
        return View("RecoveryCodes", new RecoveryCodesPage(await secondFactors.NewRecoveryCodesAsync(pending.User), SafeReturnUrl(form.ReturnUrl)));
    }

    /// <summary>Your own sign-in: how you signed in this time, your authenticator app, recovery codes and passkeys.</summary>
    [HttpGet("/account/sign-in")]
    public async Task<IActionResult> MySignIn()
    {
        var user = await CurrentUserAsync();
        var strength = SignInSessions.ReadStrength(User);
        return View(new MySignInPage(
            SignInStrength.Describe(strength.Method), strength.Provider, strength.SecondFactor,
            await secondFactors.HasAuthenticatorAsync(user), await secondFactors.RecoveryCodesLeftAsync(user)));
    }

    /// <summary>A signed-in worker replaces their authenticator app (a new phone): the old one works until the new one's first code.</summary>
    [HttpGet("/account/sign-in/authenticator")]
    public async Task<IActionResult> NewAuthenticator() =>
        View("SetUpAuthenticator", NewSetUp(await CurrentUserAsync(), Paths.MySignIn, atSignIn: false));

    [HttpPost("/account/sign-in/authenticator")]
    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> NewAuthenticator(AuthenticatorSetUpForm form)
    {
        var user = await CurrentUserAsync();
        if (await FinishSetUpAsync(user, form, atSignIn: false) is { } again)
        {
            return again;
        }

        await sessions.ConfirmSecondFactorAsync(user, User, IdentityConstants.ApplicationScheme);
        TempData["Success"] = "Your new authenticator app is set up. The old one no longer works.";
        return Redirect(Paths.MySignIn);
    }

    [HttpPost("/account/sign-in/recovery-codes")]
    public async Task<IActionResult> NewRecoveryCodes() =>
        View("RecoveryCodes", new RecoveryCodesPage(await secondFactors.NewRecoveryCodesAsync(await CurrentUserAsync()), Paths.MySignIn));

    /// <summary>Confirming it is you: the second factor again, before a serious act, then back to it.</summary>
    [HttpGet("/sign-in/confirm")]
    public async Task<IActionResult> Confirm(string? returnUrl)
    {
        ViewData["HasAuthenticator"] = await secondFactors.HasAuthenticatorAsync(await CurrentUserAsync());
        return View(new SecondFactorForm { ReturnUrl = returnUrl });
    }

    [HttpPost("/sign-in/confirm")]
    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> Confirm(SecondFactorForm form)
    {
        var user = await CurrentUserAsync();
        var result = await secondFactors.CheckAuthenticatorAsync(user, form.Code);
        if (result == SecondFactorCheck.Accepted)
        {
            await sessions.ConfirmSecondFactorAsync(user, User, IdentityConstants.ApplicationScheme);
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }

        return CodeRefused(form, result);
    }

    /// <summary>The code page again, saying why the authenticator code was not taken.</summary>
    private ViewResult CodeRefused(SecondFactorForm form, SecondFactorCheck result)
    {
        ModelState.AddModelError(nameof(form.Code), result switch
        {
            SecondFactorCheck.LockedOut => Locked,
            SecondFactorCheck.AlreadyUsed => UsedCode,
            _ => WrongCode,
        });
        ViewData["HasAuthenticator"] = true;
        return Again(form);
    }

    private async Task<IActionResult?> FinishSetUpAsync(ApplicationUser user, AuthenticatorSetUpForm form, bool atSignIn)
    {
        var secret = Unseal(user, form.SealedSecret);
        if (secret is null)
        {
            // The sealed secret was changed, belongs to someone else or is over an hour old: start again with a new one.
            ModelState.AddModelError(nameof(form.Code), "The set-up has expired. Scan the new QR code and enter the code it shows.");
            return Again(NewSetUp(user, form.ReturnUrl, atSignIn));
        }

        var result = await secondFactors.FinishAuthenticatorAsync(user, secret, form.Code);
        if (result == SecondFactorCheck.Accepted)
        {
            return null;
        }

        ModelState.AddModelError(nameof(form.Code), result == SecondFactorCheck.AlreadyUsed ? UsedCode : "Enter the 6-digit code your authenticator app shows for Locality");
        var setUp = SecondFactors.SetUpFor(user.Email ?? string.Empty, secret);
        return Again(new AuthenticatorSetUpPage(new AuthenticatorSetUpForm { SealedSecret = form.SealedSecret, ReturnUrl = form.ReturnUrl }, setUp.FormattedSecret, setUp.QrCodeSvg, atSignIn));
    }

    private AuthenticatorSetUpPage NewSetUp(ApplicationUser user, string? returnUrl, bool atSignIn)
    {
        var setUp = SecondFactors.NewAuthenticator(user);
        var sealedSecret = Protector().Protect($"{user.Id:N}:{setUp.Secret}", clock.GetUtcNow().AddHours(1));
        return new AuthenticatorSetUpPage(new AuthenticatorSetUpForm { SealedSecret = sealedSecret, ReturnUrl = returnUrl }, setUp.FormattedSecret, setUp.QrCodeSvg, atSignIn);
    }

    private string? Unseal(ApplicationUser user, string? sealedSecret)
    {
        if (string.IsNullOrEmpty(sealedSecret) || sealedSecret.Length > 2000)
        {
            return null;
        }

        try
        {
            var text = Protector().Unprotect(sealedSecret, out var expires);
            var prefix = $"{user.Id:N}:";
            return expires > clock.GetUtcNow() && text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector() => protection.CreateProtector("Locality.AuthenticatorSetUp").ToTimeLimitedDataProtector();

    private async Task<ApplicationUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in person has no sign-in record.");

    private ViewResult Again(object model)
    {
        if (model is SecondFactorForm form)
        {
            form.Code = null;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(model is AuthenticatorSetUpPage ? "SetUpAuthenticator" : null, model);
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : Paths.Home;
}
