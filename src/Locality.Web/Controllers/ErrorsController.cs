using Locality.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>The pages shown for 400, 403, 404, 409, 413, 422, 429, 500 and 503, whatever method the failed request used.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorsController : Controller
{
    /// <summary>
    /// The status comes from the address only: the failed request is re-run here with its own form, and a form that
    /// cannot be read (a NUL in a field, say) must not turn a 403 into a 500.
    /// </summary>
    [Route("/error/{status:int}")]
    public IActionResult Status()
    {
        var status = int.TryParse(RouteData.Values["status"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 500;

        // An exception that reached the handler is mapped here, so a database that is briefly away is a 503, not a 500.
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error && FailureStatus.For(error) is { } mapped)
        {
            status = mapped;
        }

        var known = status is 400 or 403 or 404 or 405 or 409 or 413 or 422 or 429 or 500 or 503 ? status : 500;
        Response.StatusCode = known;
        FailureStatus.AskToRetryLater(Response, known);
        return View(known);
    }
}
