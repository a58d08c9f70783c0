using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

[AllowAnonymous]
public sealed class HelpController : Controller
{
    [HttpGet("/accessibility")]
    public IActionResult Accessibility() => View();
}
