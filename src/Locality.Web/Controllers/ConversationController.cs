using System.Security.Claims;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Locality.Web.Controllers;

/// <summary>Everything recorded in a person's conversation: what was said and tried, rests, hand-offs, corrections and the team around them.</summary>
[Authorize(Roles = $"{Roles.KeyWorker},{Roles.TeamLead}")]
[Route("/people")]
public sealed class ConversationController(IMediator mediator, TimeProvider clock) : Controller
{
    [HttpGet("{personId:guid}/conversation")]
    public Task<IActionResult> Conversation(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new ConversationForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/conversation")]
    [ReportsEveryError]
    public async Task<IActionResult> Conversation(Guid personId, ConversationForm form, CancellationToken cancellationToken)
    {
        var at = ReadOccurredAt(form);
        await this.SendFormAsync(mediator, new RecordConversation(personId, form.Method ?? 0, form.Text ?? string.Empty, form.Location, form.WhoWasThere, at), cancellationToken);
        return Saved("Conversation recorded", personId);
    }

    [HttpGet("{personId:guid}/attempt")]
    public Task<IActionResult> Attempt(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new AttemptForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/attempt")]
    [ReportsEveryError]
    public async Task<IActionResult> Attempt(Guid personId, AttemptForm form, CancellationToken cancellationToken)
    {
        var at = ReadOccurredAt(form);
        await this.SendFormAsync(mediator, new RecordContactAttempt(personId, form.Method ?? 0, form.Outcome ?? 0, form.Text, at), cancellationToken);
        return Saved("Try to reach them recorded", personId);
    }

    [HttpGet("{personId:guid}/note")]
    public Task<IActionResult> Note(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new NoteForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/note")]
    [ReportsEveryError]
    public async Task<IActionResult> Note(Guid personId, NoteForm form, CancellationToken cancellationToken)
    {
        var at = ReadOccurredAt(form);
        await this.SendFormAsync(mediator, new AddNote(personId, form.Text ?? string.Empty, at), cancellationToken);
        return Saved("Note added", personId);
    }

    [HttpGet("{personId:guid}/partner")]
    public Task<IActionResult> Partner(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new PartnerContributionForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/partner")]
    [ReportsEveryError]
    public async Task<IActionResult> Partner(Guid personId, PartnerContributionForm form, CancellationToken cancellationToken)
    {
        var at = ReadOccurredAt(form);
        await this.SendFormAsync(mediator, new AddPartnerContribution(personId, form.FromAgencyId ?? Guid.Empty, form.Text ?? string.Empty, at), cancellationToken);
        return Saved("What the partner said has been recorded", personId);
    }

    [HttpGet("{personId:guid}/rest")]
    public Task<IActionResult> Rest(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new RestForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/rest")]
    [ReportsEveryError]
    public async Task<IActionResult> Rest(Guid personId, RestForm form, CancellationToken cancellationToken)
    {
        var checkBack = form.CheckBackOn.Date;
        await this.SendFormAsync(mediator, new RestConversation(personId, checkBack, form.Reason ?? string.Empty), cancellationToken);
        return Saved($"The conversation is resting until {DateWords.Date(checkBack!.Value)}", personId);
    }

    [HttpGet("{personId:guid}/end-rest")]
    public Task<IActionResult> EndRest(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new EndRestForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/end-rest")]
    public async Task<IActionResult> EndRest(Guid personId, EndRestForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new EndRest(personId, form.Reason ?? string.Empty), cancellationToken);
        return Saved("The conversation is no longer resting", personId);
    }

    [HttpGet("{personId:guid}/lead")]
    public Task<IActionResult> Lead(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new LeadForm { PersonId = personId }, cancellationToken);

    /// <summary>Checks the answers and shows what changing the lead will do; nothing changes until it is confirmed.</summary>
    [HttpPost("{personId:guid}/lead")]
    [ReportsEveryError]
    public async Task<IActionResult> Lead(Guid personId, LeadForm form, CancellationToken cancellationToken)
    {
        await form.LoadOptionsAsync(mediator, cancellationToken);
        form.Now = await mediator.Send(new GetPersonPage(personId), cancellationToken);
        form.Sender = SenderId();
        RefuseTheLeadAgain(form);
        await this.CheckFormAsync(new ChangeLeadWorker(personId, form.NewLeadWorkerId, form.Reason), cancellationToken);
        return View("LeadCheck", form);
    }

    [HttpPost("{personId:guid}/lead/change")]
    [FormView(nameof(Lead))]
    public Task<IActionResult> ChangeLead(Guid personId, LeadForm form, CancellationToken cancellationToken) => ShowFormAsync(form, nameof(Lead), cancellationToken);

    [HttpPost("{personId:guid}/lead/confirm")]
    [ReportsEveryError]
    [FormView(nameof(Lead))]
    public async Task<IActionResult> ConfirmLead(Guid personId, LeadForm form, CancellationToken cancellationToken)
    {
        await this.SendFormAsync(mediator, new ChangeLeadWorker(personId, form.NewLeadWorkerId, form.Reason), cancellationToken);
        return Saved("The lead key worker has changed", personId);
    }

    [HttpGet("{personId:guid}/team/add")]
    public Task<IActionResult> AddToTeam(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new AddTeamMemberForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/team/add")]
    public async Task<IActionResult> AddToTeam(Guid personId, AddTeamMemberForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new AddTeamMember(personId, form.WorkerId, form.WorkerId is null ? form.AgencyId : null), cancellationToken);
        return Saved("Added to the team around them", personId);
    }

    [HttpPost("{personId:guid}/team/{memberId:guid}/leave")]
    public async Task<IActionResult> LeaveTeam(Guid personId, Guid memberId, CancellationToken cancellationToken)
    {
        await mediator.Send(new RemoveTeamMember(personId, memberId), cancellationToken);
        return Saved("They have left the team around this person", personId);
    }

    [HttpGet("{personId:guid}/pass-on")]
    public Task<IActionResult> PassOn(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new PassOnForm { PersonId = personId }, cancellationToken);

    /// <summary>Checks the answers and shows what passing them on will do; nothing is recorded until it is confirmed.</summary>
    [HttpPost("{personId:guid}/pass-on")]
    [ReportsEveryError]
    public async Task<IActionResult> PassOn(Guid personId, PassOnForm form, CancellationToken cancellationToken)
    {
        await form.LoadOptionsAsync(mediator, cancellationToken);
        form.Now = await mediator.Send(new GetPersonPage(personId), cancellationToken);
        form.Sender = SenderId();
        if (!form.LeadKeepsConversation)
        {
            RefuseTheLeadAgain(form);
        }

        await this.CheckFormAsync(PassOnRequest(personId, form), cancellationToken);
        return View("PassOnCheck", form);
    }

    [HttpPost("{personId:guid}/pass-on/change")]
    [FormView(nameof(PassOn))]
    public Task<IActionResult> ChangePassOn(Guid personId, PassOnForm form, CancellationToken cancellationToken) => ShowFormAsync(form, nameof(PassOn), cancellationToken);

    [HttpPost("{personId:guid}/pass-on/confirm")]
    [ReportsEveryError]
    [FormView(nameof(PassOn))]
    public async Task<IActionResult> ConfirmPassOn(Guid personId, PassOnForm form, CancellationToken cancellationToken)
    {
        await this.SendFormAsync(mediator, PassOnRequest(personId, form), cancellationToken);
        return Saved("The hand-off has been recorded", personId);
    }

    [HttpGet("{personId:guid}/entries/{entryId:guid}/amend")]
    public async Task<IActionResult> Amend(Guid personId, Guid entryId, CancellationToken cancellationToken)
    {
        var form = new AmendForm { PersonId = personId, EntryId = entryId };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        if (form.Entry is null || !form.Entry.CanBeAmended)
        {
            return NotFound();
        }

        form.CorrectedText = form.Entry.CurrentText;
        form.AmendmentsSeen = form.Entry.Amendments.Count;
        return View(form);
    }

    [HttpPost("{personId:guid}/entries/{entryId:guid}/amend")]
    public async Task<IActionResult> Amend(Guid personId, Guid entryId, AmendForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new AmendEntry(personId, entryId, form.Reason ?? string.Empty, form.CorrectedText ?? string.Empty, form.AmendmentsSeen), cancellationToken);
        return Saved("The entry has been corrected. The original is still shown beneath the correction.", personId);
    }

    private Application.Conversations.PassOn PassOnRequest(Guid personId, PassOnForm form)
    {
        var at = ReadOccurredAt(form);
        return new(personId, form.ToService ?? string.Empty, form.ToAgencyId, form.Reason ?? string.Empty, form.LeadKeepsConversation,
            form.LeadKeepsConversation ? null : form.NewLeadWorkerId, at);
    }

    /// <summary>Choosing the worker who already leads would be refused when confirmed: said now, beside the question.</summary>
    private void RefuseTheLeadAgain(ILeadChangeForm form)
    {
        if (form.NewLeadWorkerId is { } chosen && chosen == form.Now?.LeadWorkerId)
        {
            ModelState.AddModelError(nameof(form.NewLeadWorkerId), CheckWords.IsSender(form, chosen)
                ? "You already lead the conversation: select someone else"
                : "They already lead the conversation: select someone else");
        }
    }

    private Guid? SenderId() => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private Task<IActionResult> ShowFormAsync<TForm>(TForm form, CancellationToken cancellationToken)
        where TForm : IFormModel => ShowFormAsync(form, null, cancellationToken);

    /// <summary>A form with its choices loaded, in its own view or (sent back from a check page to change) the one named.</summary>
    private async Task<IActionResult> ShowFormAsync<TForm>(TForm form, string? viewName, CancellationToken cancellationToken)
        where TForm : IFormModel
    {
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(viewName, form);
    }

    private RedirectResult Saved(string message, Guid personId)
    {
        TempData["Success"] = message;
        return Redirect(Paths.Person(personId));
    }

    /// <summary>When it happened: now if no date was given; the time given on that date, or now if the date is today, or midday.</summary>
    private DateTimeOffset? ReadOccurredAt(EntryForm form)
    {
        // A date or time the form already found wrong means nothing is sent: now stands in while the rest is checked.
        if (ModelState.GetFieldValidationState(nameof(form.OccurredOn)) == ModelValidationState.Invalid
            || ModelState.GetFieldValidationState(nameof(form.OccurredTime)) == ModelValidationState.Invalid)
        {
            return null;
        }

        var date = form.OccurredOn.Date;
        var time = form.Time;
        if (date is null)
        {
            return time is null ? null : UkCalendar.InstantOf(clock.Now().Today, time);
        }

        return time is null && date == clock.Now().Today ? clock.GetUtcNow() : UkCalendar.InstantOf(date.Value, time);
    }
}
