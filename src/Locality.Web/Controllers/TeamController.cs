using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Application.Demand;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>The team lead's home: their team, who has gone quiet, ratings due, repeat demand and the demand headline.</summary>
[Authorize(Roles = Roles.TeamLead)]
[Route("/team")]
public sealed class TeamController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var day = await mediator.Send(new GetTeamDay(), cancellationToken);
        var passedOn = await mediator.Send(new GetPassedOnMost(MyTeamOnly: true, Limit: 10), cancellationToken);
        var repeats = await mediator.Send(new GetRepeatDemand(), cancellationToken);
        var demand = await mediator.Send(new GetDemandEvidence(), cancellationToken);
        return View(new Models.TeamPageModel(day, passedOn, repeats, demand));
    }

    [HttpGet("workers/{id:guid}")]
    public async Task<IActionResult> Worker(Guid id, CancellationToken cancellationToken) =>
        View("~/Views/Home/MyDay.cshtml", await mediator.Send(new GetMyDay(id), cancellationToken));

    [HttpGet("passed-on")]
    public async Task<IActionResult> PassedOn(bool all = false, CancellationToken cancellationToken = default)
    {
        ViewData["All"] = all;
        return View(await mediator.Send(new GetPassedOnMost(MyTeamOnly: !all, Limit: 100), cancellationToken));
    }
}
