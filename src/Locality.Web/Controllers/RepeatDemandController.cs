using Locality.Application.Common.Security;
using Locality.Application.Demand;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>A team lead's list of repeat demand: call-outs to a person or an address, and repeated missed appointments.</summary>
[Authorize(Roles = Roles.TeamLead)]
public sealed class RepeatDemandController(IMediator mediator) : Controller
{
    [HttpGet("/team/repeat-demand")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetRepeatDemand(), cancellationToken));
}
