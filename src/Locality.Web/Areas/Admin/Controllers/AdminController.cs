using Locality.Application.Common.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Areas.Admin.Controllers;

/// <summary>The base for the administration screens: administrators only, here as well as in every request they send.</summary>
[Area("Admin")]
[Authorize(Roles = Roles.Admin)]
public abstract class AdminController : Controller
{
    protected IActionResult Saved(string message, string path)
    {
        TempData["Success"] = message;
        return Redirect(path);
    }
}
