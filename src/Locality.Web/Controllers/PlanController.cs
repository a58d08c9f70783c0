using System.ComponentModel.DataAnnotations;
using Locality.Application.Common.Security;
using Locality.Application.Plans;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>A person's strengths and their plan, written with them; and the copy of the plan they keep.</summary>
[Authorize(Roles = $"{Roles.KeyWorker},{Roles.TeamLead}")]
[Route("/people/{personId:guid}/plan")]
public sealed class PlanController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(
        Guid personId, [Bind(Prefix = nameof(PlanPageModel.AsOf)), Display(Name = "The date to see the plan on")] DateParts asOf,
        CancellationToken cancellationToken)
    {
        var plan = await mediator.Send(new GetPlan(personId, ModelState.IsValid ? asOf.Date : null), cancellationToken);
        return View(new PlanPageModel(plan, asOf));
    }

    [HttpGet("copy")]
    public async Task<IActionResult> Copy(Guid personId, CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetPlan(personId), cancellationToken));

    [HttpGet("strengths/new")]
    public Task<IActionResult> Strength(Guid personId, CancellationToken cancellationToken) => ShowAsync(new StrengthForm { PersonId = personId, NoticedBy = StrengthForm.TheyNoticed }, cancellationToken);

    [HttpPost("strengths/new")]
    public async Task<IActionResult> Strength(Guid personId, StrengthForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new AddStrength(personId, form.Kind, form.Text ?? string.Empty, form.NoticedBy ?? string.Empty), cancellationToken);
        return Saved("The strength is recorded", personId);
    }

    [HttpPost("strengths/{strengthId:guid}/set-aside")]
    public async Task<IActionResult> SetAside(Guid personId, Guid strengthId, CancellationToken cancellationToken)
    {
        await mediator.Send(new SetStrengthAside(personId, strengthId), cancellationToken);
        return Saved("The strength is set aside. It stays in the plan's history.", personId);
    }

    [HttpGet("good-life")]
    public async Task<IActionResult> GoodLife(Guid personId, CancellationToken cancellationToken)
    {
        var plan = await mediator.Send(new GetPlan(personId), cancellationToken);
        return await ShowAsync(new GoodLifeForm { PersonId = personId, GoodLife = plan.GoodLife, Version = plan.Version }, cancellationToken);
    }

    [HttpPost("good-life")]
    public async Task<IActionResult> GoodLife(Guid personId, GoodLifeForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new SetGoodLife(personId, form.GoodLife, form.Version), cancellationToken);
        return Saved("What a good life looks like is saved", personId);
    }

    [HttpGet("goals/new")]
    public async Task<IActionResult> Goal(Guid personId, CancellationToken cancellationToken) =>
        await ShowAsync(new GoalForm { PersonId = personId, Version = (await mediator.Send(new GetPlan(personId), cancellationToken)).Version }, cancellationToken);

    [HttpPost("goals/new")]
    public async Task<IActionResult> Goal(Guid personId, GoalForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new AddGoal(personId, form.Text ?? string.Empty, form.Version), cancellationToken);
        return Saved("The goal is added", personId);
    }

    [HttpGet("goals/{goalId:guid}/steps/new")]
    public async Task<IActionResult> Step(Guid personId, Guid goalId, CancellationToken cancellationToken)
    {
        var form = new StepForm { PersonId = personId, GoalId = goalId };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        form.Version = form.Plan!.Version;
        return View(form);
    }

    [HttpPost("goals/{goalId:guid}/steps/new")]
    [ReportsEveryError]
    public async Task<IActionResult> Step(Guid personId, Guid goalId, StepForm form, CancellationToken cancellationToken)
    {
        var dueOn = form.DueOn.Date;
        var (kind, id) = form.ReadOwner();
        await this.SendFormAsync(mediator, new AddStep(personId, goalId, form.Description ?? string.Empty, kind, id, dueOn, form.Notes, form.Version), cancellationToken);
        return Saved("The step is added", personId);
    }

    [HttpGet("goals/{goalId:guid}/steps/{stepId:guid}")]
    public async Task<IActionResult> ChangeStep(Guid personId, Guid goalId, Guid stepId, CancellationToken cancellationToken)
    {
        var form = new StepForm { PersonId = personId, GoalId = goalId, StepId = stepId };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        var step = form.Plan!.Goals.FirstOrDefault(g => g.Id == goalId)?.Steps.FirstOrDefault(s => s.Id == stepId);
        if (step is null)
        {
            return NotFound();
        }

        form.Description = step.Description;
        form.Owner = StepForm.OwnerValue(step);
        form.DueOn = DateParts.From(step.DueOn);
        form.Status = step.Status;
        form.Reason = step.StatusReason;
        form.Notes = step.Notes;
        form.Version = form.Plan.Version;
        return View("Step", form);
    }

    [HttpPost("goals/{goalId:guid}/steps/{stepId:guid}")]
    [ReportsEveryError]
    [FormView("Step")]
    public async Task<IActionResult> ChangeStep(Guid personId, Guid goalId, Guid stepId, StepForm form, CancellationToken cancellationToken)
    {
        var dueOn = form.DueOn.Date;
        var (kind, id) = form.ReadOwner();
        await this.SendFormAsync(mediator, new Application.Plans.ChangeStep(
            personId, goalId, stepId, form.Description ?? string.Empty, kind, id, dueOn, form.Status, form.Reason, form.Notes, form.Version), cancellationToken);
        return Saved("The step is saved", personId);
    }

    [HttpGet("review")]
    public async Task<IActionResult> Review(Guid personId, CancellationToken cancellationToken) =>
        await ShowAsync(new ReviewForm { PersonId = personId, Version = (await mediator.Send(new GetPlan(personId), cancellationToken)).Version }, cancellationToken);

    [HttpPost("review")]
    [ReportsEveryError]
    public async Task<IActionResult> Review(Guid personId, ReviewForm form, CancellationToken cancellationToken)
    {
        if (form.On.IsEmpty)
        {
            ModelState.AddModelError(nameof(form.On), "Enter the date of the review");
        }

        var next = form.NextReviewOn.Date;
        await this.SendFormAsync(mediator, new RecordPlanReview(personId, form.On.Date ?? default, form.WhoTookPart ?? string.Empty, form.WhatChanged ?? string.Empty, next, form.Version), cancellationToken);
        return Saved("The review is recorded", personId);
    }

    [HttpGet("connections/new")]
    public async Task<IActionResult> Connect(Guid personId, CancellationToken cancellationToken)
    {
        var form = new ConnectionForm { PersonId = personId, SuggestedOn = DateParts.From(DateOnly.FromDateTime(DateTime.UtcNow)) };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        form.Version = form.CurrentVersion;
        return View(form);
    }

    [HttpPost("connections/new")]
    [ReportsEveryError]
    public async Task<IActionResult> Connect(Guid personId, ConnectionForm form, CancellationToken cancellationToken)
    {
        var suggestedOn = form.SuggestedOn.Date;
        await this.SendFormAsync(mediator, new ConnectToGroup(personId, form.GroupId ?? Guid.Empty, form.SuggestedBy ?? string.Empty, suggestedOn, form.GoalId, form.Version), cancellationToken);
        return Saved(form.GoalId is null ? "The connection is recorded" : "The connection is recorded, with a step in their plan", personId);
    }

    [HttpPost("connections/{connectionId:guid}")]
    public async Task<IActionResult> ConnectionNews(Guid personId, Guid connectionId, ConnectionNewsForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new RecordConnection(personId, connectionId, ConnectionNewsForm.Read(form.Went), ConnectionNewsForm.Read(form.StillGoing), form.Version), cancellationToken);
        return Saved("What you know about the connection is saved", personId);
    }

    private async Task<IActionResult> ShowAsync<TForm>(TForm form, CancellationToken cancellationToken)
        where TForm : IFormModel
    {
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    private RedirectResult Saved(string message, Guid personId)
    {
        TempData["Success"] = message;
        return Redirect(Paths.Plan(personId));
    }
}
