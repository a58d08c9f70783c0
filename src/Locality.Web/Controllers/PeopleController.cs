using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>Finding and adding people, and everything recorded in their conversation.</summary>
[Authorize(Roles = $"{Roles.KeyWorker},{Roles.TeamLead}")]
[Route("/people")]
public sealed class PeopleController(IMediator mediator, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(FindPeopleForm form, CancellationToken cancellationToken)
    {
        if (!form.IsEmpty)
        {
            var dob = form.DateOfBirth.ReadField(nameof(form.DateOfBirth));
            form.Results = await mediator.Send(new FindPeople(form.Name, form.NhsNumber, dob, form.Postcode), cancellationToken);
        }
        else if (Request.Query.Count > 0)
        {
            // Searched with nothing typed: say what to enter rather than showing nothing.
            ModelState.AddModelError(nameof(form.Name), "Enter a name, NHS number, date of birth or postcode to find someone");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(form);
    }

    [HttpGet("new")]
    public IActionResult New() => View(new PersonForm());

    [HttpPost("new")]
    public async Task<IActionResult> New(PersonForm form, CancellationToken cancellationToken)
    {
        var dob = form.DateOfBirth.ReadField(nameof(form.DateOfBirth));
        try
        {
            var person = await mediator.Send(
                new AddPerson(
                    form.GivenName ?? string.Empty, form.FamilyName ?? string.Empty, form.PreferredName, dob, form.ApproximateAge, form.NhsNumber,
                    form.AddressLine1, form.AddressLine2, form.Town, form.Postcode, form.Uprn, form.Phone, form.Email, form.CommunicationNeeds,
                    form.SafetyNotes, form.WhatMattersToMe, ConfirmedNew: form.ConfirmedNew),
                cancellationToken);
            return Saved($"{person.KnownAs} added. Their conversation has started, with you as lead key worker.", person.Id);
        }
        catch (LikelyMatchesException likely)
        {
            form.Matches = likely.Matches;
            form.CanConfirmAsNew = likely.CanConfirmAsNew;
            return View("Matches", form);
        }
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, string? before, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new GetPersonPage(id), cancellationToken);
        if (page.Person.Id != id)
        {
            return RedirectToAction(nameof(Show), new { id = page.Person.Id });
        }

        var timeline = before is null ? page.Timeline : await mediator.Send(new GetTimeline(id, before), cancellationToken);
        return View(new PersonPageModel(page, timeline, before is not null));
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new GetPersonPage(id), cancellationToken);
        return View(PersonForm.From(page.Person));
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, PersonForm form, CancellationToken cancellationToken)
    {
        var dob = form.DateOfBirth.ReadField(nameof(form.DateOfBirth));
        var person = await mediator.Send(
            new UpdatePersonDetails(
                id, form.GivenName ?? string.Empty, form.FamilyName ?? string.Empty, form.PreferredName, dob, form.ApproximateAge, form.NhsNumber,
                form.AddressLine1, form.AddressLine2, form.Town, form.Postcode, form.Uprn, form.Phone, form.Email, form.CommunicationNeeds,
                form.SafetyNotes, form.WhatMattersToMe, form.Version),
            cancellationToken);
        return Saved("Their details have been saved", person.Id);
    }

    [HttpGet("{personId:guid}/conversation")]
    public Task<IActionResult> Conversation(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new ConversationForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/conversation")]
    public async Task<IActionResult> Conversation(Guid personId, ConversationForm form, CancellationToken cancellationToken)
    {
        var at = ReadOccurredAt(form);
        await mediator.Send(new RecordConversation(personId, form.Method ?? 0, form.Text ?? string.Empty, form.Location, form.WhoWasThere, at), cancellationToken);
        return Saved("Conversation recorded", personId);
    }

    [HttpGet("{personId:guid}/attempt")]
    public Task<IActionResult> Attempt(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new AttemptForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/attempt")]
    public async Task<IActionResult> Attempt(Guid personId, AttemptForm form, CancellationToken cancellationToken)
    {
        var at = ReadOccurredAt(form);
        await mediator.Send(new RecordContactAttempt(personId, form.Method ?? 0, form.Outcome ?? 0, form.Text, at), cancellationToken);
        return Saved("Try to reach them recorded", personId);
    }

    [HttpGet("{personId:guid}/note")]
    public Task<IActionResult> Note(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new NoteForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/note")]
    public async Task<IActionResult> Note(Guid personId, NoteForm form, CancellationToken cancellationToken)
    {
        var at = ReadOccurredAt(form);
        await mediator.Send(new AddNote(personId, form.Text ?? string.Empty, at), cancellationToken);
        return Saved("Note added", personId);
    }

    [HttpGet("{personId:guid}/partner")]
    public Task<IActionResult> Partner(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new PartnerContributionForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/partner")]
    public async Task<IActionResult> Partner(Guid personId, PartnerContributionForm form, CancellationToken cancellationToken)
    {
        var at = ReadOccurredAt(form);
        await mediator.Send(new AddPartnerContribution(personId, form.FromAgencyId ?? Guid.Empty, form.Text ?? string.Empty, at), cancellationToken);
        return Saved("What the partner said has been recorded", personId);
    }

    [HttpGet("{personId:guid}/rest")]
    public Task<IActionResult> Rest(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new RestForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/rest")]
    public async Task<IActionResult> Rest(Guid personId, RestForm form, CancellationToken cancellationToken)
    {
        var checkBack = form.CheckBackOn.ReadField(nameof(form.CheckBackOn));
        await mediator.Send(new RestConversation(personId, checkBack, form.Reason ?? string.Empty), cancellationToken);
        return Saved($"The conversation is resting until {Display.Date(checkBack!.Value)}", personId);
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

    [HttpPost("{personId:guid}/lead")]
    public async Task<IActionResult> Lead(Guid personId, LeadForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new ChangeLeadWorker(personId, form.NewLeadWorkerId, form.Reason), cancellationToken);
        return Saved("The lead key worker has changed", personId);
    }

    [HttpGet("{personId:guid}/team/add")]
    public Task<IActionResult> AddToTeam(Guid personId, CancellationToken cancellationToken) => ShowFormAsync(new TeamMemberForm { PersonId = personId }, cancellationToken);

    [HttpPost("{personId:guid}/team/add")]
    public async Task<IActionResult> AddToTeam(Guid personId, TeamMemberForm form, CancellationToken cancellationToken)
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

    [HttpPost("{personId:guid}/pass-on")]
    public async Task<IActionResult> PassOn(Guid personId, PassOnForm form, CancellationToken cancellationToken)
    {
        var at = ReadOccurredAt(form);
        await mediator.Send(
            new Application.Conversations.PassOn(personId, form.ToService ?? string.Empty, form.ToAgencyId, form.Reason ?? string.Empty, form.LeadKeepsConversation, form.NewLeadWorkerId, at),
            cancellationToken);
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

    [HttpGet("{personId:guid}/merge")]
    public Task<IActionResult> Merge(Guid personId, string? search, CancellationToken cancellationToken) =>
        ShowFormAsync(new MergeForm { PersonId = personId, Search = search }, cancellationToken);

    [HttpPost("{personId:guid}/merge")]
    public async Task<IActionResult> Merge(Guid personId, MergeForm form, CancellationToken cancellationToken)
    {
        var survivor = await mediator.Send(new MergePeople(personId, form.MergedId ?? Guid.Empty, form.Reason ?? string.Empty), cancellationToken);
        return Saved("The two records are now one. Everything from the other record is on this one.", survivor.Id);
    }

    private async Task<IActionResult> ShowFormAsync<TForm>(TForm form, CancellationToken cancellationToken)
        where TForm : IFormModel
    {
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    private RedirectToActionResult Saved(string message, Guid personId)
    {
        TempData["Success"] = message;
        return RedirectToAction(nameof(Show), new { id = personId });
    }

    /// <summary>When it happened: now if no date was given; the time given on that date, or now if the date is today, or midday.</summary>
    private DateTimeOffset? ReadOccurredAt(EntryForm form)
    {
        var date = form.OccurredOn.ReadField(nameof(form.OccurredOn));
        var time = form.Time;
        if (date is null)
        {
            return time is null ? null : UkCalendar.InstantOf(clock.Now().Today, time);
        }

        return time is null && date == clock.Now().Today ? clock.GetUtcNow() : UkCalendar.InstantOf(date.Value, time);
    }
}
