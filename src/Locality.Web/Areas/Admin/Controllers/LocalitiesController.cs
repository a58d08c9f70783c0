using Locality.Application.Organisations.Localities;
using Locality.Web.Areas.Admin.Models;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Areas.Admin.Controllers;

[Route("/admin/localities")]
public sealed class LocalitiesController(IMediator mediator) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetLocalities(), cancellationToken));

    [HttpGet("new")]
    [ConfirmItIsYouFirst(typeof(CreateLocality))]
    public IActionResult New() => View("Edit", new LocalityForm());

    [HttpPost("new")]
    [FormView("Edit")]
    public async Task<IActionResult> New(LocalityForm form, CancellationToken cancellationToken)
    {
        var created = await mediator.Send(new CreateLocality(form.Name ?? string.Empty), cancellationToken);
        return Saved($"{created.Name} added", Paths.Localities);
    }

    [HttpGet("{id:guid}/edit")]
    [ConfirmItIsYouFirst(typeof(UpdateLocality))]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var locality = await mediator.Send(new GetLocality(id), cancellationToken);
        return View(new LocalityForm { Id = locality.Id, Name = locality.Name, Version = locality.Version });
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, LocalityForm form, CancellationToken cancellationToken)
    {
        var updated = await mediator.Send(new UpdateLocality(id, form.Name ?? string.Empty, form.Version), cancellationToken);
        return Saved($"{updated.Name} saved", Paths.Localities);
    }
}
