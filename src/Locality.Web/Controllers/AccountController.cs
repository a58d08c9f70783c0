using Locality.Application.Common.Security;
using Locality.Application.Organisations.Users;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Web;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>
/// The first step of signing in: the email address first, which sends staff of an agency with its own provider there
/// (home-realm discovery); everyone else, and named break-glass administrators, give their password. The second step
/// (an authenticator code, a recovery code or a passkey) is <see cref="SecondFactorController"/>.
/// </summary>
[AllowAnonymous]
public sealed class AccountController(
    SignInManager<ApplicationUser> signIn, PasswordSignIn passwords, SecondFactors secondFactors, SignInSessions sessions, HomeRealm realms,
    ProviderSignIn providers, IMediator mediator) : Controller
{
    /// <summary>The same words for an unknown email, a wrong password and a locked account, so nobody can find out who has an account.</summary>
    public const string SignInProblem = "Enter a correct email address and password. After 5 wrong attempts in a row, signing in to the account from here is stopped for 15 minutes.";

    [HttpGet("/sign-in")]
    public IActionResult SignIn(string? returnUrl, bool signedOut = false, bool usePassword = false)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        ViewData["SignedOut"] = signedOut;
        return View(new SignInForm { ReturnUrl = returnUrl, UsePassword = usePassword, AskPassword = usePassword });
    }

    [HttpPost("/sign-in")]
    [RateLimited(RateLimits.SignIn)]
    public async Task<IActionResult> SignIn(SignInForm form, CancellationToken cancellationToken)
    {
        var email = form.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            ModelState.AddModelError(nameof(form.Email), "Enter your email address");
            return Again(form);
        }

        var provider = await realms.FindAsync(email, cancellationToken);
        if (string.IsNullOrEmpty(form.Password))
        {
            if (provider is not null && !form.UsePassword)
            {
                // Staff of an agency with its own provider sign in there; the address they typed goes with them. The
                // page's form may post only to this site (its Content-Security-Policy), so the way on is a page that
                // moves itself on (and a link, for a browser that does not), not a redirect from the post.
                TempData[ProviderSignInController.LoginHintKey] = email;
                return View("ToProvider", new ToProviderPage(provider.Name, Paths.StartProviderSignIn(provider.Key, SafeReturnUrl(form.ReturnUrl))));
            }

            if (form.AskPassword)
            {
                ModelState.AddModelError(nameof(form.Password), "Enter your password");
                return Again(form);
            }

            // The address signs in with a password: the same page asks for it.
            ModelState.Clear();
            form.AskPassword = true;
            return View(form);
        }

        form.AskPassword = true;
        var user = await passwords.CheckAsync(email, form.Password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (provider is not null && !(user is { IsBreakGlassAdmin: true } && await signIn.UserManager.IsInRoleAsync(user, Roles.Admin)))
        {
            // Said whether or not the password was right: only a named break-glass administrator may use one here.
            ModelState.AddModelError(nameof(form.Email), $"Staff of {provider.Name} sign in with their agency's own account. Leave the password out and continue.");
            form.UsePassword = false;
            return Again(form);
        }

        if (user is null)
        {
            ModelState.AddModelError(nameof(form.Email), SignInProblem);
            return Again(form);
        }

        await sessions.BeginSecondStepAsync(user, provider: null);
        var next = await secondFactors.HasSecondFactorAsync(user) ? Paths.SecondFactor : Paths.SetUpSecondFactor;
        return LocalRedirect(WithReturn(next, form.ReturnUrl));
    }

    [HttpPost("/sign-out")]
    public async Task<IActionResult> SignOut(CancellationToken cancellationToken)
    {
        // Ends the session everywhere (a copy of the cookie stops working too), not only in this browser.
        if (User.Identity?.IsAuthenticated == true)
        {
            await mediator.Send(new EndMySessions(), cancellationToken);
        }

        var provider = await providers.SignsOutAtAsync(User, cancellationToken);
        await signIn.SignOutAsync();
        // Signed in through their agency's provider: signed out there too, by a page that moves itself on (a form may
        // post only to this site), then back to the signed-out page.
        return provider is null
            ? Redirect(Paths.SignedOut)
            : View("ToProvider", new ToProviderPage(provider.Name, Paths.ProviderSignOut(provider.Key), SigningOut: true));
    }

    internal static string WithReturn(string path, string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? path : $"{path}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    private IActionResult Again(SignInForm form)
    {
        form.Password = null;
        form.AskPassword = form.AskPassword || form.UsePassword || ModelState.ContainsKey(nameof(form.Password));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(form);
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : Paths.Home;
}
