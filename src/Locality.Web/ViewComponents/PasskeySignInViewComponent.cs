using Locality.Web.Controllers;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.ViewComponents;

/// <summary>On the sign-in page: "Sign in with a passkey", shown only where the browser can use one.</summary>
public sealed class PasskeySignInViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(string? returnUrl = null) =>
        View("~/Views/Passkeys/_PasskeySignIn.cshtml", new PasskeyCeremonyModel(
            "get", PasskeysController.SignInOptionsPath, PasskeysController.SignInPath, "Sign in with a passkey", AsksName: false,
            Url.IsLocalUrl(returnUrl) ? returnUrl : null));
}
