using Locality.Application.Organisations.Teams;
using Locality.Web.Areas.Admin.Models;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Areas.Admin.Controllers;

[Route("/admin/teams")]
public sealed class TeamsController(IMediator mediator) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetTeams(), cancellationToken));

    [HttpGet("new")]
    [ConfirmItIsYouFirst(typeof(CreateTeam))]
    public async Task<IActionResult> New(CancellationToken cancellationToken)
    {
        var form = new TeamForm();
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View("Edit", form);
    }

    [HttpPost("new")]
    [FormView("Edit")]
    public async Task<IActionResult> New(TeamForm form, CancellationToken cancellationToken)
    {
        var created = await mediator.Send(
            new CreateTeam(form.Name ?? string.Empty, form.AgencyId ?? Guid.Empty, form.LocalityId ?? Guid.Empty), cancellationToken);
        return Saved($"{created.Name} added", Paths.Teams);
    }

    [HttpGet("{id:guid}/edit")]
    [ConfirmItIsYouFirst(typeof(UpdateTeam))]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var team = await mediator.Send(new GetTeam(id), cancellationToken);
        var form = new TeamForm { Id = team.Id, Name = team.Name, AgencyId = team.AgencyId, LocalityId = team.LocalityId, Version = team.Version };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, TeamForm form, CancellationToken cancellationToken)
    {
        var updated = await mediator.Send(
            new UpdateTeam(id, form.Name ?? string.Empty, form.AgencyId ?? Guid.Empty, form.LocalityId ?? Guid.Empty, form.Version), cancellationToken);
        return Saved($"{updated.Name} saved", Paths.Teams);
    }
}
