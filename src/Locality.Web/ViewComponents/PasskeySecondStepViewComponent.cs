using Locality.Web.Controllers;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.ViewComponents;

/// <summary>On the second step of signing in: "Use a passkey instead" of an authenticator code.</summary>
public sealed class PasskeySecondStepViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(string? returnUrl = null) =>
        View("~/Views/Passkeys/_PasskeySecondStep.cshtml", new PasskeyCeremonyModel(
            "get", PasskeysController.SecondStepOptionsPath, PasskeysController.SecondStepPath, "Use a passkey instead", AsksName: false,
            Url.IsLocalUrl(returnUrl) ? returnUrl : null));
}
