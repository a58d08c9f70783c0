using Locality.Application.Common.Security;
using Locality.Application.Sharing;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>
/// What a partner agency's viewer sees: the people shared with their agency, only the parts they may see, and a place
/// to add what their agency knows where its agreement allows. A person not shared with them is "not found".
/// </summary>
[Authorize(Roles = Roles.PartnerViewer)]
[Route("/shared")]
public sealed class SharedPeopleController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? name, CancellationToken cancellationToken) =>
        View(new SharedPeopleModel(name, await mediator.Send(new GetSharedPeople(name), cancellationToken)));

    [HttpGet("{personId:guid}")]
    public async Task<IActionResult> Show(Guid personId, CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetSharedPerson(personId), cancellationToken));

    [HttpGet("{personId:guid}/contribution")]
    public async Task<IActionResult> Contribution(Guid personId, CancellationToken cancellationToken)
    {
        var form = new SharedContributionForm { PersonId = personId };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return form.Person is { MayContribute: true } ? View(form) : NotFound();
    }

    [HttpPost("{personId:guid}/contribution")]
    public async Task<IActionResult> Contribution(Guid personId, SharedContributionForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new AddSharedContribution(personId, form.Text ?? string.Empty), cancellationToken);
        TempData["Success"] = "What your agency said has been added to their conversation";
        return Redirect(Paths.SharedPerson(personId));
    }
}
