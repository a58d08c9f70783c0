using Locality.Application.Common.Exceptions;
using Locality.Application.Ratings;
using Locality.Web.Areas.Admin.Models;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Areas.Admin.Controllers;

/// <summary>
/// Rating instruments: the built-in Chaos Index and any others the locality uses (for one it holds a licence for).
/// A version that ratings use is never changed: saving makes a new version.
/// </summary>
[Route("/admin/instruments")]
public sealed class InstrumentsController(IMediator mediator) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetInstruments(), cancellationToken));

    [HttpGet("new")]
    [ConfirmItIsYouFirst(typeof(SaveInstrument))]
    public IActionResult New() => View("Edit", new InstrumentForm { Direction = Domain.Ratings.ScoreDirection.HigherIsWorse, RerateEveryWeeks = 12 });

    [HttpPost("new")]
    [Infrastructure.FormView("Edit")]
    public async Task<IActionResult> New(InstrumentForm form, CancellationToken cancellationToken)
    {
        var saved = await mediator.Send(SaveRequest(form, null), cancellationToken);
        return Saved($"{saved.Name} is added", Paths.Instrument(saved.Id));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetInstrument(id), cancellationToken));

    [HttpGet("{id:guid}/edit")]
    [ConfirmItIsYouFirst(typeof(SaveInstrument))]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var form = new InstrumentForm { InstrumentId = id };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        form.Fill(form.Current!);
        return View(form);
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, InstrumentForm form, CancellationToken cancellationToken)
    {
        var before = await mediator.Send(new GetInstrument(id), cancellationToken);
        var saved = await mediator.Send(SaveRequest(form, id), cancellationToken);
        var number = saved.Current!.Number;
        return Saved(
            number == before.Current?.Number
                ? $"{saved.Name} version {number} is corrected (no ratings used it yet)"
                : $"{saved.Name} is now version {number}. Ratings made with version {before.Current?.Number} keep it.",
            Paths.Instrument(id));
    }

    [HttpPost("{id:guid}/retire")]
    [AfterConfirmingReturnTo(nameof(Show), "id")]
    public async Task<IActionResult> Retire(Guid id, uint version, CancellationToken cancellationToken)
    {
        var retired = await mediator.Send(new RetireInstrument(id, version), cancellationToken);
        return Saved($"{retired.Name} is retired: no new ratings can use it. Its ratings are kept.", Paths.Instrument(id));
    }

    private static SaveInstrument SaveRequest(InstrumentForm form, Guid? id) => new(
        id, form.Name ?? string.Empty, form.Description,
        form.Direction ?? throw new ValidationFailedException(nameof(form.Direction), "Say whether a higher total is better or worse"),
        form.RerateEveryWeeks ?? throw new ValidationFailedException(nameof(form.RerateEveryWeeks), "Enter how many weeks until they are rated again"),
        form.ReadDomains(), form.Version);
}
