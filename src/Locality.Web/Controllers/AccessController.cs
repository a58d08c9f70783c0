using Locality.Application.Access;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Application.Sharing;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>
/// Who may see a person's record and who has: emergency access, "who has seen this record", sharing and consent, and
/// keeping an entry to named roles or people.
/// </summary>
[Authorize(Roles = $"{Roles.KeyWorker},{Roles.TeamLead}")]
[Route("/people/{personId:guid}")]
public sealed class AccessController(IMediator mediator) : Controller
{
    public const string EmergencyAccessView = "~/Views/Access/EmergencyAccess.cshtml";

    [HttpGet("emergency-access")]
    [ConfirmItIsYouFirst(typeof(BreakGlass))]
    public IActionResult EmergencyAccess(Guid personId) => View(EmergencyAccessView, new BreakGlassForm { PersonId = personId });

    [HttpPost("emergency-access")]
    [FormView(EmergencyAccessView)]
    public async Task<IActionResult> EmergencyAccess(Guid personId, BreakGlassForm form, CancellationToken cancellationToken)
    {
        var grant = await mediator.Send(new BreakGlass(personId, form.Reason ?? string.Empty), cancellationToken);
        return Saved(
            $"You can see this record until {DateWords.DateTime(grant.ExpiresAt)}. Your reason has been recorded and shown to their lead key worker and team lead.",
            personId);
    }

    [HttpGet("access-log")]
    public async Task<IActionResult> AccessLog(Guid personId, int page = 1, CancellationToken cancellationToken = default)
    {
        var log = await mediator.Send(new GetPersonAccessLog(personId, Math.Max(1, page)), cancellationToken);
        var person = await mediator.Send(new GetPersonHeader(personId), cancellationToken);
        return View(new AccessLogModel(person, log));
    }

    [HttpGet("sharing")]
    public async Task<IActionResult> Sharing(Guid personId, CancellationToken cancellationToken)
    {
        var sharing = await mediator.Send(new GetPersonSharing(personId), cancellationToken);
        var person = await mediator.Send(new GetPersonHeader(personId), cancellationToken);
        return View(new PersonSharingModel(person, sharing));
    }

    [HttpGet("consent")]
    public Task<IActionResult> Consent(Guid personId, CancellationToken cancellationToken) =>
        ShowFormAsync(new ConsentForm { PersonId = personId }, cancellationToken);

    [HttpPost("consent")]
    [ReportsEveryError]
    public async Task<IActionResult> Consent(Guid personId, ConsentForm form, CancellationToken cancellationToken)
    {
        var reviewOn = form.ReviewOn.Date;
        await this.SendFormAsync(mediator, new RecordConsent(personId, form.Decision, form.AgencyIds, form.Sections, form.Method, reviewOn, form.Note), cancellationToken);
        return SavedSharing(form.Decision == Domain.Access.ConsentDecision.Given
            ? "Their agreement to share has been recorded"
            : "Their decision has been recorded. Partners it covers can no longer see their record, unless a lawful basis is in force.", personId);
    }

    [HttpGet("lawful-basis")]
    public Task<IActionResult> LawfulBasis(Guid personId, CancellationToken cancellationToken) =>
        ShowFormAsync(new LawfulBasisForm { PersonId = personId }, cancellationToken);

    [HttpPost("lawful-basis")]
    [ReportsEveryError]
    public async Task<IActionResult> LawfulBasis(Guid personId, LawfulBasisForm form, CancellationToken cancellationToken)
    {
        var startsOn = form.StartsOn.Date;
        var endsOn = form.EndsOn.Date;
        await this.SendFormAsync(mediator,
            new RecordLawfulBasis(personId, form.AgencyId ?? Guid.Empty, form.Kind, form.Sections, form.Reason ?? string.Empty, form.DecidedBy ?? string.Empty, startsOn, endsOn),
            cancellationToken);
        return SavedSharing("The lawful basis for sharing has been recorded", personId);
    }

    [HttpPost("lawful-bases/{basisId:guid}/end")]
    public async Task<IActionResult> EndLawfulBasis(Guid personId, Guid basisId, uint version, CancellationToken cancellationToken)
    {
        await mediator.Send(new EndLawfulBasis(personId, basisId, version), cancellationToken);
        return SavedSharing("The lawful basis has ended today", personId);
    }

    [HttpGet("entries/{entryId:guid}/restrict")]
    public async Task<IActionResult> Restrict(Guid personId, Guid entryId, CancellationToken cancellationToken)
    {
        var form = new RestrictForm { PersonId = personId, EntryId = entryId };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        if (form.Entry is null)
        {
            return NotFound();
        }

        if (form.Entry.Restriction is { } current)
        {
            form.Roles = [.. current.Roles];
            form.Reason = current.Reason;
        }

        return View(form);
    }

    [HttpPost("entries/{entryId:guid}/restrict")]
    public async Task<IActionResult> Restrict(Guid personId, Guid entryId, RestrictForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new RestrictEntry(personId, entryId, form.Roles, form.UserIds, form.Reason ?? string.Empty), cancellationToken);
        return Saved("The entry is restricted. Only you and the roles and people you chose can see it, anywhere in Locality.", personId);
    }

    [HttpPost("entries/{entryId:guid}/lift-restriction")]
    public async Task<IActionResult> LiftRestriction(Guid personId, Guid entryId, CancellationToken cancellationToken)
    {
        await mediator.Send(new LiftRestriction(personId, entryId), cancellationToken);
        return Saved("The restriction has been lifted. Everyone who can see the record can see this entry.", personId);
    }

    private async Task<IActionResult> ShowFormAsync<TForm>(TForm form, CancellationToken cancellationToken)
        where TForm : IFormModel
    {
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    private RedirectResult Saved(string message, Guid personId)
    {
        TempData["Success"] = message;
        return Redirect(Paths.Person(personId));
    }

    private RedirectResult SavedSharing(string message, Guid personId)
    {
        TempData["Success"] = message;
        return Redirect(Paths.Sharing(personId));
    }
}
