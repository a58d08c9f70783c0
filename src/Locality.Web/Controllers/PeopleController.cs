using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Locality.Web.Controllers;

/// <summary>Finding, adding and merging people, their page and their details. What happens in their conversation is <see cref="ConversationController"/>.</summary>
[Authorize(Roles = $"{Roles.KeyWorker},{Roles.TeamLead}")]
[Route("/people")]
public sealed class PeopleController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(FindPeopleForm form, CancellationToken cancellationToken)
    {
        if (!form.IsEmpty)
        {
            var dob = form.DateOfBirth.Date;
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
    public IActionResult New() => View(new PersonDetailsForm());

    [HttpPost("new")]
    [ReportsEveryError]
    public async Task<IActionResult> New(PersonDetailsForm form, CancellationToken cancellationToken)
    {
        try
        {
            var person = await this.SendFormAsync(mediator, new AddPerson(form, confirmedNew: form.ConfirmedNew), cancellationToken);
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
            return Redirect(Paths.Person(page.Person.Id));
        }

        var timeline = before is null ? page.Timeline : await mediator.Send(new GetTimeline(id, before), cancellationToken);
        return View(new PersonPageModel(page, timeline, before is not null));
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new GetPersonPage(id), cancellationToken);
        return View(PersonDetailsForm.From(page.Person));
    }

    [HttpPost("{id:guid}/edit")]
    [ReportsEveryError]
    public async Task<IActionResult> Edit(Guid id, PersonDetailsForm form, CancellationToken cancellationToken)
    {
        var person = await this.SendFormAsync(mediator, new UpdatePersonDetails(id, form, form.Version), cancellationToken);
        return Saved("Their details have been saved", person.Id);
    }

    [HttpGet("{personId:guid}/merge")]
    public Task<IActionResult> Merge(Guid personId, string? search, CancellationToken cancellationToken) =>
        ShowFormAsync(new MergeForm { PersonId = personId, Search = search }, cancellationToken);

    /// <summary>Checks the answers and shows what merging the records will do; nothing moves until it is confirmed.</summary>
    [HttpPost("{personId:guid}/merge")]
    [ReportsEveryError]
    public async Task<IActionResult> Merge(Guid personId, MergeForm form, CancellationToken cancellationToken)
    {
        await ReadMergeAsync(form, cancellationToken);
        await this.CheckFormAsync(new MergePeople(personId, form.MergedId ?? Guid.Empty, form.Reason ?? string.Empty), cancellationToken);
        return View("MergeCheck", form);
    }

    [HttpPost("{personId:guid}/merge/change")]
    [FormView(nameof(Merge))]
    public async Task<IActionResult> ChangeMerge(Guid personId, MergeForm form, CancellationToken cancellationToken)
    {
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(nameof(Merge), form);
    }

    [HttpPost("{personId:guid}/merge/confirm")]
    [ReportsEveryError]
    [FormView(nameof(Merge))]
    public async Task<IActionResult> ConfirmMerge(Guid personId, MergeForm form, CancellationToken cancellationToken)
    {
        await ReadMergeAsync(form, cancellationToken, confirming: true);
        var survivor = await this.SendFormAsync(mediator, new MergePeople(personId, form.MergedId ?? Guid.Empty, form.Reason ?? string.Empty), cancellationToken);
        return Saved("The two records are now one. Everything from the other record is on this one.", survivor.Id);
    }

    /// <summary>
    /// The other record must be one of those the search found (so one the sender may see, and not this one). Once
    /// confirmed, a resent confirmation names a record already merged into this one: that is let through, so the first
    /// answer is given again.
    /// </summary>
    private async Task ReadMergeAsync(MergeForm form, CancellationToken cancellationToken, bool confirming = false)
    {
        await form.LoadOptionsAsync(mediator, cancellationToken);
        if (form.MergedId is not { } chosen || chosen == Guid.Empty || form.Merged is not null
            || ModelState.GetFieldValidationState(nameof(form.MergedId)) == ModelValidationState.Invalid
            || (confirming && await IsMergedIntoAsync(chosen, form.PersonId, cancellationToken)))
        {
            return;
        }

        ModelState.AddModelError(nameof(form.MergedId), MergeForm.ChooseTheOtherRecord);
    }

    private async Task<bool> IsMergedIntoAsync(Guid merged, Guid survivor, CancellationToken cancellationToken)
    {
        if (merged == survivor)
        {
            return false;
        }

        try
        {
            return (await mediator.Send(new GetPersonHeader(merged), cancellationToken)).Id == survivor;
        }
        catch (Exception exception) when (exception is NotFoundException or BreakGlassRequiredException)
        {
            return false;
        }
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
}
