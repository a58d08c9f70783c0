using Locality.Application.Common.Security;
using Locality.Application.Plans;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>The directory of local groups and assets that people can be connected to, kept up to date by workers.</summary>
[Authorize(Roles = $"{Roles.KeyWorker},{Roles.TeamLead},{Roles.Admin}")]
[Route("/community")]
public sealed class CommunityController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetCommunityGroups(), cancellationToken));

    [HttpGet("connected-most")]
    [Authorize(Roles = Roles.TeamLead)]
    public async Task<IActionResult> ConnectedMost(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetGroupsConnectedMost(), cancellationToken));

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken)
    {
        var form = new CommunityGroupForm { LastCheckedOn = DateParts.From(DateOnly.FromDateTime(DateTime.UtcNow)) };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View("Edit", form);
    }

    [HttpPost("new")]
    [ReportsEveryError]
    [Infrastructure.FormView("Edit")]
    public async Task<IActionResult> New(CommunityGroupForm form, CancellationToken cancellationToken) => await SaveAsync(null, form, cancellationToken);

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var group = await mediator.Send(new GetCommunityGroup(id), cancellationToken);
        var form = new CommunityGroupForm
        {
            Id = id,
            LocalityId = group.LocalityId,
            Name = group.Name,
            Kind = group.Kind,
            Offer = group.Offer,
            WhenAndWhere = group.WhenAndWhere,
            Contact = group.Contact,
            Accessibility = group.Accessibility,
            LastCheckedOn = DateParts.From(group.LastCheckedOn),
            Version = group.Version,
        };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    [HttpPost("{id:guid}")]
    [ReportsEveryError]
    public async Task<IActionResult> Edit(Guid id, CommunityGroupForm form, CancellationToken cancellationToken) => await SaveAsync(id, form, cancellationToken);

    private async Task<IActionResult> SaveAsync(Guid? id, CommunityGroupForm form, CancellationToken cancellationToken)
    {
        var checkedOn = form.LastCheckedOn.Date;
        var saved = await this.SendFormAsync(mediator, new SaveCommunityGroup(
            id, form.LocalityId ?? Guid.Empty, form.Name ?? string.Empty, form.Kind, form.Offer ?? string.Empty, form.WhenAndWhere, form.Contact, form.Accessibility,
            checkedOn, form.Version), cancellationToken);
        TempData["Success"] = $"{saved.Name} is saved in the directory";
        return Redirect(Paths.CommunityGroups);
    }
}
