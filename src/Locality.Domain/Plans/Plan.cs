using Locality.Domain.Common;
using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Domain.Plans;

public enum StepOwnerKind
{
    ThePerson = 1,
    Worker = 2,
    Agency = 3,
    CommunityGroup = 4,
}

public enum StepStatus
{
    NotStarted = 1,
    InProgress = 2,
    Done = 3,
    NoLongerNeeded = 4,
}

/// <summary>Who a step belongs to: the person, a worker, an agency or a community group, by id, with the name as it was.</summary>
public sealed record StepOwner(StepOwnerKind Kind, Guid? Id, string Name);

public sealed record PlanStep(PlanStepId Id, string Description, StepOwner Owner, DateOnly? DueOn, StepStatus Status, string? StatusReason, string? Notes);

public sealed record PlanGoal(PlanGoalId Id, string Text, IReadOnlyList<PlanStep> Steps);

public sealed record PlanReview(DateOnly On, string WhoTookPart, string WhatChanged, Guid? RecordedBy);

/// <summary>The plan as it stands: what a good life looks like, the goals and their steps, its reviews and the next review date.</summary>
public sealed record PlanContent(string? GoodLife, IReadOnlyList<PlanGoal> Goals, IReadOnlyList<PlanReview> Reviews, DateOnly? NextReviewOn)
{
    public static PlanContent Empty { get; } = new(null, [], [], null);
}

/// <summary>
/// A person's one living plan, written with them: goals in their own words, each with steps that someone owns. Every
/// change makes a new numbered version, kept whole, so the plan can be seen as it stood on any date.
/// </summary>
public sealed class Plan : AuditableEntity
{
    public const int GoalMaxLength = 1000;
    public const int StepMaxLength = 1000;
    public const int NotesMaxLength = 2000;
    public const int ReasonMaxLength = 500;
    public const int GoodLifeMaxLength = 4000;
    public const int ReviewTextMaxLength = 2000;
    public const int MostGoals = 50;
    public const int MostSteps = 50;

    private Plan()
    {
        Content = PlanContent.Empty;
    }

    public Plan(PersonId person, DateOnly startedOn)
    {
        Id = PlanId.New();
        PersonId = person;
        StartedOn = startedOn;
        Content = PlanContent.Empty;
    }

    public PlanId Id { get; private set; }
    public PersonId PersonId { get; private set; }

    /// <summary>The day the plan was started: no step can be due before it.</summary>
    public DateOnly StartedOn { get; private set; }

    public PlanContent Content { get; private set; }

    /// <summary>How many changes it has had: each is kept as a version with this number.</summary>
    public int Number { get; private set; }

    public PlanVersion SetGoodLife(string? goodLife, UserId? by, DateTimeOffset at) =>
        Change(Content with { GoodLife = Optional(goodLife, GoodLifeMaxLength, "What a good life looks like") }, "Changed what a good life looks like", by, at);

    public PlanVersion AddGoal(string text, UserId? by, DateTimeOffset at)
    {
        if (Content.Goals.Count >= MostGoals)
        {
            throw new BusinessRuleException($"A plan can have at most {MostGoals} goals.");
        }

        var goal = new PlanGoal(PlanGoalId.New(), Guard.Text(text, GoalMaxLength, "The goal"), []);
        return Change(Content with { Goals = [.. Content.Goals, goal] }, $"Added a goal: {goal.Text}", by, at);
    }

    public PlanVersion AddStep(PlanGoalId goalId, string description, StepOwner owner, DateOnly? dueOn, string? notes, UserId? by, DateTimeOffset at)
    {
        var goal = Goal(goalId);
        if (goal.Steps.Count >= MostSteps)
        {
            throw new BusinessRuleException($"A goal can have at most {MostSteps} steps.");
        }

        CheckDue(dueOn);
        var step = new PlanStep(PlanStepId.New(), Guard.Text(description, StepMaxLength, "The step"), owner, dueOn, StepStatus.NotStarted, null,
            Optional(notes, NotesMaxLength, "The notes"));
        var changed = goal with { Steps = [.. goal.Steps, step] };
        return Change(Content with { Goals = Content.Goals.Select(g => g.Id == goalId ? changed : g).ToList() },
            $"Added a step to \"{goal.Text}\": {step.Description} ({owner.Name})", by, at);
    }

    public PlanVersion ChangeStep(
        PlanGoalId goalId, PlanStepId stepId, string description, StepOwner owner, DateOnly? dueOn, StepStatus status, string? reason, string? notes, UserId? by, DateTimeOffset at)
    {
        var goal = Goal(goalId);
        var step = goal.Steps.SingleOrDefault(s => s.Id == stepId) ?? throw new BusinessRuleException("That step is not in this goal.");
        if (!Enum.IsDefined(status))
        {
            throw new BusinessRuleException("Choose where the step has got to.");
        }

        if (dueOn != step.DueOn)
        {
            CheckDue(dueOn);
        }

        var why = Optional(reason, ReasonMaxLength, "The reason");
        if (status == StepStatus.NoLongerNeeded && why is null)
        {
            throw new BusinessRuleException("Say why the step is no longer needed", nameof(reason));
        }

        var changed = step with
        {
            Description = Guard.Text(description, StepMaxLength, "The step"),
            Owner = owner,
            DueOn = dueOn,
            Status = status,
            StatusReason = status == StepStatus.NoLongerNeeded ? why : null,
            Notes = Optional(notes, NotesMaxLength, "The notes"),
        };
        var summary = status != step.Status
            ? $"\"{changed.Description}\" is now {Words(status)}{(changed.StatusReason is null ? "" : $": {changed.StatusReason}")}"
            : $"Changed the step \"{changed.Description}\"";
        var newGoal = goal with { Steps = goal.Steps.Select(s => s.Id == stepId ? changed : s).ToList() };
        return Change(Content with { Goals = Content.Goals.Select(g => g.Id == goalId ? newGoal : g).ToList() }, summary, by, at);
    }

    public PlanVersion RecordReview(DateOnly on, string whoTookPart, string whatChanged, DateOnly? nextReviewOn, DateOnly today, UserId? by, DateTimeOffset at)
    {
        if (on > today)
        {
            throw new BusinessRuleException("The date of the review must be today or in the past", nameof(on));
        }

        if (on < StartedOn)
        {
            throw new BusinessRuleException("The review cannot be before the plan was started", nameof(on));
        }

        if (nextReviewOn is { } next && next <= on)
        {
            throw new BusinessRuleException("The next review must be after this one", nameof(nextReviewOn));
        }

        var review = new PlanReview(on, Guard.Text(whoTookPart, ReviewTextMaxLength, "Who took part"), Guard.Text(whatChanged, ReviewTextMaxLength, "What changed"), by?.Value);
        return Change(Content with { Reviews = [.. Content.Reviews, review], NextReviewOn = nextReviewOn },
            $"Reviewed the plan with {Common.WhoWords.InSentence(review.WhoTookPart)}{(nextReviewOn is { } n ? $"; next review {n:d MMMM yyyy}" : string.Empty)}", by, at);
    }

    public static string Words(StepStatus status) => status switch
    {
        StepStatus.NotStarted => "not started",
        StepStatus.InProgress => "in progress",
        StepStatus.Done => "done",
        _ => "no longer needed",
    };

    private void CheckDue(DateOnly? dueOn)
    {
        if (dueOn is { } due && due < StartedOn)
        {
            throw new BusinessRuleException("The due date cannot be before the plan was started", nameof(dueOn));
        }
    }

    private PlanGoal Goal(PlanGoalId goalId) => Content.Goals.SingleOrDefault(g => g.Id == goalId) ?? throw new BusinessRuleException("That goal is not in this plan.");

    private PlanVersion Change(PlanContent content, string summary, UserId? by, DateTimeOffset at)
    {
        Content = content;
        Number++;
        return new PlanVersion(Id, PersonId, Number, content, summary, by, at);
    }

    private static string? Optional(string? text, int max, string what) =>
        string.IsNullOrWhiteSpace(text) ? null : Guard.Text(text, max, what);
}

/// <summary>The whole plan as one change left it, with what changed, who changed it and when. Only ever added.</summary>
public sealed class PlanVersion : IAppendOnly
{
    public const int SummaryMaxLength = 1000;

    private PlanVersion()
    {
        Content = PlanContent.Empty;
        Summary = string.Empty;
    }

    internal PlanVersion(PlanId plan, PersonId person, int number, PlanContent content, string summary, UserId? by, DateTimeOffset at)
    {
        Id = PlanVersionId.New();
        PlanId = plan;
        PersonId = person;
        Number = number;
        Content = content;
        Summary = summary.Length > SummaryMaxLength ? summary[..SummaryMaxLength] : summary;
        ChangedBy = by;
        ChangedAt = at;
    }

    public PlanVersionId Id { get; private set; }
    public PlanId PlanId { get; private set; }
    public PersonId PersonId { get; private set; }
    public int Number { get; private set; }
    public PlanContent Content { get; private set; }
    public string Summary { get; private set; }
    public UserId? ChangedBy { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
}
