using Locality.Application.Organisations.Users;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Identity.Providers;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>
/// The end of a sign-in through an agency's own provider, the pages that say why one did not work, and the provider's
/// logout calls. The OpenID Connect handler itself answers <c>/sign-in/oidc/{key}/callback</c> and hands over here.
/// </summary>
[Route("/sign-in/oidc/{key}")]
public sealed class ProviderSignInController(
    ProviderAccounts accounts, SignInSessions sessions, SecondFactors secondFactors, ProviderSignIn providers,
    BackChannelLogout backChannel, IMediator mediator) : Controller
{
    /// <summary>Where the email typed on the sign-in page waits (in TempData, never in an address) for the provider's hint.</summary>
    public const string LoginHintKey = "ProviderLoginHint";

    /// <summary>Sends the worker to the provider (or to the page saying it is not answering).</summary>
    [AllowAnonymous]
    [HttpGet("start")]
    public async Task<IActionResult> Start(string key, string? returnUrl, CancellationToken cancellationToken)
    {
        var provider = await FindAsync(key, cancellationToken);
        if (provider is null)
        {
            return Redirect(Paths.SignIn);
        }

        var hint = TempData[LoginHintKey] as string ?? string.Empty;
        return await providers.ChallengeAsync(provider, hint, Url.IsLocalUrl(returnUrl) ? returnUrl! : Paths.Home, confirmOnly: false, cancellationToken);
    }

    /// <summary>Signing out at the provider, after the Locality session has ended.</summary>
    [AllowAnonymous]
    [HttpGet("sign-out")]
    public async Task<IActionResult> SignOutThere(string key, CancellationToken cancellationToken) =>
        await FindAsync(key, cancellationToken) is { } provider ? await providers.SignOutThereAsync(provider, cancellationToken) : Redirect(Paths.SignedOut);

    [AllowAnonymous]
    [HttpGet("finish")]
    public async Task<IActionResult> Finish(string key, string? returnUrl, bool confirm, CancellationToken cancellationToken)
    {
        var provider = await FindAsync(key, cancellationToken);
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (provider is null || external.Principal is null)
        {
            return Problem(key, "expired");
        }

        var outcome = await accounts.SignInAsync(provider, external.Principal, cancellationToken);
        var next = Url.IsLocalUrl(returnUrl) ? returnUrl! : Paths.Home;
        if (confirm)
        {
            // Confirming it is you through the provider: the same person, and the provider must have asked for its second factor.
            if (outcome is ProviderOutcome.SignedIn { ProviderSecondFactor: true } confirmed && User.Identity?.IsAuthenticated == true
                && confirmed.User.Id.ToString() == User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value)
            {
                await sessions.ConfirmSecondFactorAsync(confirmed.User, User, IdentityConstants.ApplicationScheme);
                return LocalRedirect(next);
            }

            return Problem(key, "not-confirmed");
        }

        switch (outcome)
        {
            case ProviderOutcome.SignedIn signedIn:
                await sessions.SignInThroughProviderAsync(signedIn.User, IdentityConstants.ApplicationScheme, provider.Name, provider.Key, signedIn.ProviderSecondFactor);
                return LocalRedirect(next);
            case ProviderOutcome.NeedsSecondFactor needs:
                await sessions.BeginSecondStepAsync(needs.User, provider.Name, provider.Key);
                var step = await secondFactors.HasSecondFactorAsync(needs.User) ? Paths.SecondFactor : Paths.SetUpSecondFactor;
                return LocalRedirect(AccountController.WithReturn(step, next));
            case ProviderOutcome.Waiting:
                return Redirect($"{ProviderSchemes.PathPrefix}{key}/waiting");
            case ProviderOutcome.Refused refused:
                return Problem(key, refused.Reason switch
                {
                    ProviderRefusal.NoEmail => "no-email",
                    ProviderRefusal.EmailNotVerified => "unverified",
                    ProviderRefusal.OtherAgencysDomain => "other-domain",
                    ProviderRefusal.NoAccount => "no-account",
                    ProviderRefusal.Stopped => "stopped",
                    ProviderRefusal.NoRole => "no-role",
                    ProviderRefusal.SecondFactorMissing => "no-second-factor",
                    _ => "other-agency",
                });
            default:
                return Problem(key, "invalid");
        }
    }

    /// <summary>Confirming it is you through the provider (it is asked to sign the worker in again now).</summary>
    [Authorize]
    [HttpGet("confirm")]
    public async Task<IActionResult> Confirm(string key, string? returnUrl, CancellationToken cancellationToken)
    {
        var provider = await FindAsync(key, cancellationToken);
        if (provider is null)
        {
            return NotFound();
        }

        var email = await accounts.EmailOfAsync(Guid.Parse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value), cancellationToken) ?? string.Empty;
        return await providers.ChallengeAsync(provider, email, Url.IsLocalUrl(returnUrl) ? returnUrl! : Paths.Home, confirmOnly: true, cancellationToken);
    }

    [AllowAnonymous]
    [HttpGet("problem")]
    public async Task<IActionResult> ProblemPage(string key, string? reason, CancellationToken cancellationToken)
    {
        var provider = await FindAsync(key, cancellationToken);
        var name = provider?.Name ?? "Your agency's sign-in";
        var (heading, body) = Words(reason, name);
        Response.StatusCode = reason is "down" ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden;
        return View("Problem", new ProviderProblemPage(heading, body, reason == "down"));
    }

    [AllowAnonymous]
    [HttpGet("waiting")]
    public IActionResult Waiting() => View();

    /// <summary>
    /// Front-channel logout: the provider opens this when someone signs out there. It ends this browser's Locality
    /// session when that came through this provider (browsers do not send the cookie inside another site's frame, so
    /// back-channel logout is what ends every session reliably).
    /// </summary>
    [AllowAnonymous]
    [HttpGet("front-channel-logout")]
    public async Task<IActionResult> FrontChannelLogout(string key, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true && User.FindFirst(LocalityClaimTypes.SignInProviderKey)?.Value == key)
        {
            await mediator.Send(new EndMySessions(), cancellationToken);
            await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }

        return Content("Signed out of Locality.", "text/plain");
    }

    /// <summary>Back-channel logout: the provider posts a signed logout token; every session of that person ends at once.</summary>
    [AllowAnonymous]
    [HttpPost("back-channel-logout")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> BackChannelLogout(string key, [FromForm(Name = "logout_token")] string? logoutToken, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var provider = await FindAsync(key, cancellationToken);
        return provider is not null && await backChannel.HandleAsync(provider, logoutToken, cancellationToken) ? Ok() : BadRequest();
    }

    private Task<Domain.Organisations.IdentityProvider?> FindAsync(string key, CancellationToken cancellationToken) => accounts.FindEnabledAsync(key, cancellationToken);

    private RedirectResult Problem(string key, string reason) => Redirect($"{ProviderSchemes.PathPrefix}{Uri.EscapeDataString(key)}/problem?reason={reason}");

    private static (string Heading, string Body) Words(string? reason, string name) => reason switch
    {
        "down" => ($"{name} is not answering", $"Locality could not reach {name}, which signs you in. Try again in a few minutes. If it stays down, a named emergency administrator can still sign in to Locality with a password."),
        "refused" => ("Your agency's sign-in did not let you in", $"{name} refused the sign-in. If your account there has been stopped or removed, you cannot sign in to Locality. Ask your agency's IT service desk."),
        "expired" => ("The sign-in took too long", "The sign-in was started too long ago, or in another window. Start again from the sign-in page."),
        "no-email" => ("Your agency's sign-in did not say who you are", $"{name} did not send your email address. Ask your agency's IT service desk to send it to Locality."),
        "unverified" => ("Your email address is not confirmed", $"{name} did not confirm that the email address is yours, so Locality cannot use it to find your account. Ask your agency's IT service desk."),
        "other-domain" => ("That email address is not one this sign-in serves", $"{name} signed you in with an email address that belongs to another organisation. Sign in through your own agency."),
        "no-account" => ("You do not have a Locality account yet", "Ask your team's Locality administrator to add you. Then sign in again."),
        "other-agency" => ("Your Locality account belongs to another agency", "The account with your email address is in another agency's team, so this sign-in cannot be used for it. Ask your Locality administrator."),
        "stopped" => ("Your Locality account is stopped", "An administrator has stopped your account. Ask your team's Locality administrator."),
        "no-role" => ("Your agency has not given you a role in Locality", $"None of the groups {name} sent gives a role in Locality. Ask your agency's IT service desk to add you to the right group, then sign in again."),
        "no-second-factor" => ("Your agency's sign-in did not ask for a second factor", $"Locality needs {name} to check a second factor (such as an app or a security key) when you sign in. Ask your agency's IT service desk."),
        "not-confirmed" => ("Locality could not confirm it is you", $"{name} did not confirm it is you with a second factor. Go back and try again, or confirm with your authenticator app or passkey."),
        _ => ("The sign-in did not work", $"What {name} sent back could not be checked, so you have not been signed in. Start again from the sign-in page."),
    };
}

public sealed record ToProviderPage(string ProviderName, string StartUrl, bool SigningOut = false);

public sealed record ProviderProblemPage(string Heading, string Body, bool Down);
