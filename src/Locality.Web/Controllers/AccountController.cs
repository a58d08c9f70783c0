using Locality.Application.Organisations.Users;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Web;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Locality.Web.Controllers;

[AllowAnonymous]
public sealed class AccountController(SignInManager<ApplicationUser> signIn, PasswordSignIn passwords, IMediator mediator) : Controller
{
    /// <summary>The same words for an unknown email, a wrong password and a locked account, so nobody can find out who has an account.</summary>
    public const string SignInProblem = "Enter a correct email address and password. After 5 wrong attempts in a row, signing in to the account from here is stopped for 15 minutes.";

    [HttpGet("/sign-in")]
    public IActionResult SignIn(string? returnUrl, bool signedOut = false)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        ViewData["SignedOut"] = signedOut;
        return View(new SignInForm { ReturnUrl = returnUrl });
    }

    [HttpPost("/sign-in")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> SignIn(SignInForm form, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(form.Email))
        {
            ModelState.AddModelError(nameof(form.Email), "Enter your email address");
        }

        if (string.IsNullOrEmpty(form.Password))
        {
            ModelState.AddModelError(nameof(form.Password), "Enter your password");
        }

        if (ModelState.IsValid)
        {
            if (await passwords.TrySignInAsync(form.Email!.Trim(), form.Password!, HttpContext.Connection.RemoteIpAddress, IdentityConstants.ApplicationScheme, cancellationToken))
            {
                return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
            }

            ModelState.AddModelError(nameof(form.Email), SignInProblem);
        }

        form.Password = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(form);
    }

    [HttpPost("/sign-out")]
    public async Task<IActionResult> SignOut(CancellationToken cancellationToken)
    {
        // Ends the session everywhere (a copy of the cookie stops working too), not only in this browser.
        if (User.Identity?.IsAuthenticated == true)
        {
            await mediator.Send(new EndMySessions(), cancellationToken);
        }

        await signIn.SignOutAsync();
        return Redirect(Paths.SignedOut);
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : Paths.Home;
}
