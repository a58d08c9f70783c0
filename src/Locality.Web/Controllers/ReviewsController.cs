using Locality.Application.Access;
using Locality.Application.Common.Security;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>
/// What team leads and administrators look back over: records opened in an emergency, and people with no contact for
/// the retention period (listed for a decision; nothing is deleted automatically).
/// </summary>
[Authorize(Roles = $"{Roles.TeamLead},{Roles.Admin}")]
[Route("/reviews")]
public sealed class ReviewsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => Redirect(Paths.EmergencyAccessReviews);

    [HttpGet("emergency-access")]
    public async Task<IActionResult> EmergencyAccess(bool all = false, CancellationToken cancellationToken = default)
    {
        ViewData["All"] = all;
        return View(await mediator.Send(new GetEmergencyAccessReview(all), cancellationToken));
    }

    [HttpPost("emergency-access/{grantId:guid}/review")]
    [AfterConfirmingReturnTo(nameof(EmergencyAccess))]
    public async Task<IActionResult> Reviewed(Guid grantId, string? note, CancellationToken cancellationToken)
    {
        var grant = await mediator.Send(new ReviewEmergencyAccess(grantId, note), cancellationToken);
        TempData["Success"] = $"{grant.WorkerName}'s emergency access to {grant.PersonName}'s record is marked as reviewed";
        return Redirect(Paths.EmergencyAccessReviews);
    }

    [HttpGet("retention")]
    public async Task<IActionResult> Retention(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetRetentionReview(), cancellationToken));
}
