using Locality.Application.Common.Security;
using Locality.Application.Demand;
using Locality.Application.People;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>Demand that fell on agencies because of, or for, a person: what the worker heard about, and its classification.</summary>
[Authorize(Roles = $"{Roles.KeyWorker},{Roles.TeamLead}")]
[Route("/people/{personId:guid}/demand")]
public sealed class DemandController(IMediator mediator, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid personId, CancellationToken cancellationToken)
    {
        var events = await mediator.Send(new GetPersonDemand(personId), cancellationToken);
        var person = await mediator.Send(new GetPersonHeader(personId), cancellationToken);
        var offers = await mediator.Send(new GetMatchOffers(personId), cancellationToken);
        return View(new PersonDemandModel(person, events, User.IsInRole(Roles.TeamLead), offers));
    }

    [HttpPost("matches/{offerId:guid}")]
    public async Task<IActionResult> Decide(Guid personId, Guid offerId, [FromForm] Domain.Demand.MatchDecision? decision, [FromForm] uint version, CancellationToken cancellationToken)
    {
        await mediator.Send(new DecideMatchOffer(personId, offerId, decision, version), cancellationToken);
        TempData["Success"] = decision == Domain.Demand.MatchDecision.Confirmed ? "It is linked to them and on their timeline" : "It stays unlinked";
        return Redirect(Paths.PersonDemand(personId));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(Guid personId, CancellationToken cancellationToken)
    {
        var form = new DemandForm { PersonId = personId };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    [HttpPost("new")]
    [ReportsEveryError]
    public async Task<IActionResult> New(Guid personId, DemandForm form, CancellationToken cancellationToken)
    {
        var day = form.OccurredOn.Date;
        await this.SendFormAsync(mediator, new RecordDemandEvent(
            personId, form.TypeCode ?? string.Empty, form.AgencyId ?? Guid.Empty, day is { } d ? When(d) : null,
            form.Uprn, form.Postcode, form.AddressLine1, null, form.Classification, form.FailureTypeCode, form.AttendanceCode), cancellationToken);
        TempData["Success"] = "The demand is recorded";
        return Redirect(Paths.PersonDemand(personId));
    }

    /// <summary>Today means now (it has happened); an earlier day means midday, as the rest of the service records a date without a time.</summary>
    private DateTimeOffset When(DateOnly day) =>
        day == Application.Common.Time.UkCalendar.Now(clock).Today ? clock.GetUtcNow() : Application.Common.Time.UkCalendar.InstantOf(day, null);

    [HttpGet("{eventId:guid}/reclassify")]
    [Authorize(Roles = Roles.TeamLead)]
    public async Task<IActionResult> Reclassify(Guid personId, Guid eventId, CancellationToken cancellationToken)
    {
        var form = new ReclassifyForm { PersonId = personId, EventId = eventId };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        if (form.Event is null)
        {
            return NotFound();
        }

        form.Classification = form.Event.Classification;
        form.FailureTypeCode = form.Event.FailureTypeCode;
        form.Version = form.Event.Version;
        return View(form);
    }

    [HttpPost("{eventId:guid}/reclassify")]
    [Authorize(Roles = Roles.TeamLead)]
    public async Task<IActionResult> Reclassify(Guid personId, Guid eventId, ReclassifyForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new ReclassifyDemandEvent(personId, eventId, form.Classification, form.FailureTypeCode, form.Reason ?? string.Empty, form.Version), cancellationToken);
        TempData["Success"] = "The event is reclassified; the earlier classification is kept";
        return Redirect(Paths.PersonDemand(personId));
    }
}
