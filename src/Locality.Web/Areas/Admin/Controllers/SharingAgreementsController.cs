using Locality.Application.Sharing;
using Locality.Web.Areas.Admin.Models;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Areas.Admin.Controllers;

/// <summary>What each partner agency may see of the records shared with it. Every change is kept as a new version.</summary>
[Route("/admin/sharing-agreements")]
public sealed class SharingAgreementsController(IMediator mediator) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetSharingAgreements(), cancellationToken));

    [HttpGet("{agencyId:guid}")]
    [ConfirmItIsYouFirst(typeof(SaveSharingAgreement))]
    public async Task<IActionResult> Edit(Guid agencyId, CancellationToken cancellationToken)
    {
        var form = new SharingAgreementForm { AgencyId = agencyId };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        var current = form.Current!;
        form.Sections = [.. current.Sections];
        form.MayContribute = current.MayContribute;
        form.StartsOn = DateParts.From(current.StartsOn);
        form.EndsOn = DateParts.From(current.EndsOn);
        form.Version = current.Version;
        return View(form);
    }

    [HttpPost("{agencyId:guid}")]
    [ReportsEveryError]
    public async Task<IActionResult> Edit(Guid agencyId, SharingAgreementForm form, CancellationToken cancellationToken)
    {
        var startsOn = form.StartsOn.Date;
        var endsOn = form.EndsOn.Date;
        var saved = await this.SendFormAsync(mediator,
            new SaveSharingAgreement(agencyId, form.Sections, form.MayContribute, startsOn, endsOn, form.Note, form.Version), cancellationToken);
        return Saved($"The sharing agreement with {saved.AgencyName} is saved as version {saved.Number}", Paths.SharingAgreements);
    }
}
