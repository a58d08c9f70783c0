using Locality.Application.Organisations.Users;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

public sealed class HomeController(IMediator mediator) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetCurrentUser(), cancellationToken));
}
