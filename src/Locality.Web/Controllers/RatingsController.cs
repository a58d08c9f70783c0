using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Application.Ratings;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>A person's Chaos Index (and other) ratings: the trend, and recording a rating with them.</summary>
[Authorize(Roles = $"{Roles.KeyWorker},{Roles.TeamLead}")]
public sealed class RatingsController(IMediator mediator) : Controller
{
    [HttpGet("/people/{personId:guid}/ratings")]
    public async Task<IActionResult> Index(Guid personId, CancellationToken cancellationToken)
    {
        var ratings = await mediator.Send(new GetPersonRatings(personId), cancellationToken);
        var person = await mediator.Send(new GetPersonHeader(personId), cancellationToken);
        return View(new RatingsPageModel(person, ratings));
    }

    [HttpGet("/people/{personId:guid}/ratings/new")]
    public async Task<IActionResult> New(Guid personId, Guid? instrument, CancellationToken cancellationToken)
    {
        var form = new RatingForm { PersonId = personId, InstrumentId = instrument ?? Guid.Empty, PersonTookPart = true };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    [HttpPost("/people/{personId:guid}/ratings/new")]
    [ReportsEveryError]
    public async Task<IActionResult> New(Guid personId, RatingForm form, CancellationToken cancellationToken)
    {
        var ratedOn = form.RatedOn.Date;
        await form.LoadOptionsAsync(mediator, cancellationToken);
        var result = await this.SendFormAsync(mediator, new RecordRating(personId, form.InstrumentId, ratedOn, form.PersonTookPart, form.Choices()), cancellationToken);
        var trend = result.Instruments.Single(i => i.InstrumentId == form.InstrumentId);
        var latest = trend.Ratings[^1];
        TempData["Success"] = latest.ChangeSinceFirst is { } change
            ? $"Rating recorded: {latest.Total}, {RatingWords.Change(change)} since the first rating"
            : $"Rating recorded: {latest.Total}, their first";
        return Redirect(Paths.Ratings(personId));
    }

    [HttpGet("/ratings/trends")]
    public async Task<IActionResult> Trends(Guid? worker, CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetRatingTrends(worker), cancellationToken));
}
