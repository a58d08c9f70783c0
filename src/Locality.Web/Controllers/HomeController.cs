using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Application.Organisations.Users;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

[Authorize]
public sealed class HomeController(IMediator mediator) : Controller
{
    /// <summary>
    /// Team leads start on their team; key workers on their day; partner viewers on the people shared with their
    /// agency; everyone else on who they are and what they can do.
    /// </summary>
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (User.IsInRole(Roles.TeamLead))
        {
            return Redirect(Paths.Team);
        }

        if (User.IsInRole(Roles.KeyWorker))
        {
            return View("MyDay", await mediator.Send(new GetMyDay(), cancellationToken));
        }

        if (User.IsInRole(Roles.PartnerViewer))
        {
            return Redirect(Paths.SharedPeople);
        }

        return View(await mediator.Send(new GetCurrentUser(), cancellationToken));
    }
}
