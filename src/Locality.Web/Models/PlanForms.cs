using System.ComponentModel.DataAnnotations;
using Locality.Application.Plans;
using Locality.Domain.Plans;
using MediatR;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

/// <summary>A change to the plan: carries the plan's version as read, so two people changing it at once are told, not overwritten.</summary>
public abstract class PlanChangeForm : PersonPageForm
{
    public uint Version { get; set; }
}

/// <summary>A strength, in the person's words. They name their own strengths, so "who noticed it" starts as them.</summary>
public sealed class StrengthForm : PersonPageForm
{
    /// <summary>What "who noticed it" says until someone changes it: the person said it themselves.</summary>
    public const string TheyNoticed = "They said";

    public StrengthKind? Kind { get; set; }

    public string? Text { get; set; }

    public string? NoticedBy { get; set; }
}

public sealed class GoodLifeForm : PlanChangeForm
{
    public string? GoodLife { get; set; }
}

public sealed class GoalForm : PlanChangeForm
{
    public string? Text { get; set; }
}

public sealed class ReviewForm : PlanChangeForm
{
    [Display(Name = "The date of the review")]
    public DateParts On { get; set; } = new();

    public string? WhoTookPart { get; set; }

    public string? WhatChanged { get; set; }

    [Display(Name = "The next review date")]
    public DateParts NextReviewOn { get; set; } = new();
}

/// <summary>Adding or changing a step: what, who owns it (one choice: the person, a worker, an agency or a group), when, and where it has got to.</summary>
public sealed class StepForm : PlanChangeForm
{
    public Guid GoalId { get; set; }

    public Guid? StepId { get; set; }

    public string? Description { get; set; }

    /// <summary>"person", or "worker:{id}", "agency:{id}", "group:{id}".</summary>
    public string? Owner { get; set; }

    [Display(Name = "The due date")]
    public DateParts DueOn { get; set; } = new();

    public StepStatus? Status { get; set; }

    public string? Reason { get; set; }

    public string? Notes { get; set; }

    public string? GoalText { get; private set; }

    /// <summary>The plan as loaded for the form.</summary>
    public PlanDto? Plan { get; private set; }

    public IReadOnlyList<SelectListItem> Owners { get; private set; } = [];

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        var choices = await mediator.Send(new GetStepOwnerChoices(PersonId), cancellationToken);
        Plan = await mediator.Send(new GetPlan(PersonId), cancellationToken);
        GoalText = Plan.Goals.FirstOrDefault(g => g.Id == GoalId)?.Text;
        Owners = OwnerChoices(Person?.KnownAs, choices);
    }

    /// <summary>The owners to choose from, grouped as the plan thinks of them: the person first, then the people and places around them.</summary>
    public static IReadOnlyList<SelectListItem> OwnerChoices(string? knownAs, StepOwnerChoicesDto choices)
    {
        SelectListItem In(SelectListGroup group, string text, string value) => new(text, value) { Group = group };
        var person = new SelectListGroup { Name = "The person" };
        var aroundThem = new SelectListGroup { Name = "The team around them" };
        var yourTeam = new SelectListGroup { Name = "Your team" };
        var agencies = new SelectListGroup { Name = "Agencies" };
        var groups = new SelectListGroup { Name = "Community groups" };
        return
        [
            In(person, $"{knownAs ?? "The person"} themselves", "person"),
            .. choices.Workers.Where(w => w.AroundThem).Select(w => In(aroundThem, w.Name, $"worker:{w.Id}")),
            .. choices.Workers.Where(w => !w.AroundThem).Select(w => In(yourTeam, w.Name, $"worker:{w.Id}")),
            .. choices.Agencies.Select(a => In(agencies, a.Name, $"agency:{a.Id}")),
            .. choices.Groups.Select(g => In(groups, g.Name, $"group:{g.Id}")),
        ];
    }

    public override string FieldFor(string requestField) => requestField is "OwnerKind" or "OwnerId" ? nameof(Owner) : requestField;

    public (StepOwnerKind? Kind, Guid? Id) ReadOwner()
    {
        if (Owner == "person")
        {
            return (StepOwnerKind.ThePerson, null);
        }

        var parts = (Owner ?? string.Empty).Split(':');
        var kind = parts[0] switch
        {
            "worker" => StepOwnerKind.Worker,
            "agency" => StepOwnerKind.Agency,
            "group" => StepOwnerKind.CommunityGroup,
            _ => (StepOwnerKind?)null,
        };
        return (kind, parts.Length == 2 && Guid.TryParse(parts[1], out var id) ? id : null);
    }

    public static string OwnerValue(PlanStepDto step) => step.OwnerKind switch
    {
        StepOwnerKind.ThePerson => "person",
        StepOwnerKind.Worker => $"worker:{step.OwnerId}",
        StepOwnerKind.Agency => $"agency:{step.OwnerId}",
        _ => $"group:{step.OwnerId}",
    };
}

public sealed record PlanPageModel(PlanDto Plan, DateParts AsOf);

/// <summary>Connecting a person to a group: which, who suggested it and when, and (optionally) a goal to add a step to.</summary>
public sealed class ConnectionForm : PlanChangeForm
{
    public Guid? GroupId { get; set; }

    public string? SuggestedBy { get; set; }

    [Display(Name = "The date it was suggested")]
    public DateParts SuggestedOn { get; set; } = new();

    public Guid? GoalId { get; set; }

    public IReadOnlyList<SelectListItem> Groups { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Goals { get; private set; } = [];

    /// <summary>The plan's version as it is now, read with the form's choices.</summary>
    public uint CurrentVersion { get; private set; }

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        Groups = (await mediator.Send(new GetCommunityGroups(), cancellationToken)).Select(g => new SelectListItem($"{g.Name} ({g.LocalityName})", g.Id.ToString())).ToList();
        var plan = await mediator.Send(new GetPlan(PersonId), cancellationToken);
        Goals = plan.Goals.Select(g => new SelectListItem(g.Text, g.Id.ToString())).ToList();
        CurrentVersion = plan.Version;
    }

    public override string FieldFor(string requestField) => requestField == "AsStepOfGoalId" ? nameof(GoalId) : requestField;
}

/// <summary>What is known about a connection now: did they go, are they still going.</summary>
public sealed class ConnectionNewsForm : PersonPageForm
{
    public Guid ConnectionId { get; set; }

    public string? Went { get; set; }

    public string? StillGoing { get; set; }

    public uint Version { get; set; }

    /// <summary>The connection's group and version as they are now, read when the form is shown again.</summary>
    public string? GroupName { get; private set; }

    public uint CurrentVersion { get; private set; }

    public static IReadOnlyList<SelectListItem> YesNoNotKnown { get; } = [new("Yes", "true"), new("No", "false"), new("Not known yet", "")];

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        var connection = (await mediator.Send(new GetPlan(PersonId), cancellationToken)).Connections.FirstOrDefault(c => c.Id == ConnectionId);
        GroupName = connection?.GroupName;
        CurrentVersion = connection?.Version ?? Version;
    }

    public static bool? Read(string? value) => bool.TryParse(value, out var yes) ? yes : null;
}
