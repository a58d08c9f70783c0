using Locality.Web.Controllers;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.ViewComponents;

/// <summary>On "Set up a second factor": adding a passkey instead of an authenticator app.</summary>
public sealed class PasskeySetUpViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() =>
        View("~/Views/Passkeys/_PasskeySetUp.cshtml", new PasskeyCeremonyModel(
            "create", PasskeysController.SetUpOptionsPath, PasskeysController.SetUpPath, "Add a passkey", AsksName: true, ReturnUrl: null));
}
