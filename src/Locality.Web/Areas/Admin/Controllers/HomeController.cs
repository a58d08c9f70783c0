using Locality.Application.Organisations.Agencies;
using Locality.Application.Organisations.Localities;
using Locality.Application.Organisations.Teams;
using Locality.Application.Organisations.Users;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Areas.Admin.Controllers;

public sealed class HomeController(IMediator mediator) : AdminController
{
    [HttpGet("/admin")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Localities"] = (await mediator.Send(new GetLocalities(), cancellationToken)).Count;
        ViewData["Agencies"] = (await mediator.Send(new GetAgencies(), cancellationToken)).Count;
        ViewData["Teams"] = (await mediator.Send(new GetTeams(), cancellationToken)).Count;
        ViewData["Users"] = (await mediator.Send(new GetUsers(), cancellationToken)).Count;
        return View();
    }
}
