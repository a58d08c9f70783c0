using Locality.Web.Controllers;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.ViewComponents;

/// <summary>On "Confirm it is you": confirming with a passkey, then back to where they were (a local address only).</summary>
public sealed class PasskeyConfirmViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(string? returnUrl = null) =>
        View("~/Views/Passkeys/_PasskeyConfirm.cshtml", new PasskeyCeremonyModel(
            "get", PasskeysController.ConfirmOptionsPath, PasskeysController.ConfirmPath, "Confirm with a passkey", AsksName: false,
            Url.IsLocalUrl(returnUrl) ? returnUrl : null));
}
