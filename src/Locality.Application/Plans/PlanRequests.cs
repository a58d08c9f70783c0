using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Domain.Plans;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

/// <summary>A person's strengths and plan, now or (with <c>AsOf</c>) as they stood at the end of that day, with every change.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record GetPlan(Guid PersonId, DateOnly? AsOf = null) : IRequest<PlanDto>, IReadsPerson;

internal sealed class GetPlanHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<GetPlan, PlanDto>
{
    public async Task<PlanDto> Handle(GetPlan request, CancellationToken cancellationToken) =>
        await PlanQueries.ForPersonAsync(db, await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken), clock.Now().Today, request.AsOf, cancellationToken);
}

internal sealed class GetPlanValidator : AbstractValidator<GetPlan>
{
    public GetPlanValidator(TimeProvider clock) =>
        RuleFor(x => x.AsOf).Must(d => d <= clock.Now().Today).WithMessage("Choose a date that has passed").When(x => x.AsOf is not null);
}

/// <summary>Records a strength in the person's words, with its kind and who noticed it.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record AddStrength(Guid PersonId, StrengthKind? Kind, string Text, string NoticedBy) : IRequest<PlanDto>, IChangesPerson;

internal sealed class AddStrengthValidator : AbstractValidator<AddStrength>
{
    public AddStrengthValidator()
    {
        RuleFor(x => x.Kind).NotNull().WithMessage("Choose what kind of strength it is").IsInEnum().WithMessage("Choose what kind of strength it is");
        RuleFor(x => x.Text).RequiredText("the strength, in their words", Strength.TextMaxLength);
        RuleFor(x => x.NoticedBy).RequiredText("who noticed it", Strength.NoticedByMaxLength);
    }
}

internal sealed class AddStrengthHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AddStrength, PlanDto>
{
    public async Task<PlanDto> Handle(AddStrength request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, request.PersonId, cancellationToken);
        var strength = new Strength(conversation.PersonId, request.Kind!.Value, request.Text, request.NoticedBy, user.UserId, moment.Now);
        db.Strengths.Add(strength);
        db.TimelineEntries.Add(conversation.RecordPlanChange(EntryKind.StrengthRecorded, $"A strength: {strength.Text} (noticed by {Domain.Common.WhoWords.AfterBy(strength.NoticedBy)})", user.AsAuthor(), moment.Now));
        await db.SaveChangesAsync(cancellationToken);
        return await PlanQueries.ForPersonAsync(db, conversation.PersonId, moment.Today, null, cancellationToken);
    }
}

/// <summary>Sets aside a strength that is no longer true. It stays in the plan's history.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record SetStrengthAside(Guid PersonId, Guid StrengthId) : IRequest<PlanDto>, IChangesPerson;

internal sealed class SetStrengthAsideHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<SetStrengthAside, PlanDto>
{
    public async Task<PlanDto> Handle(SetStrengthAside request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, request.PersonId, cancellationToken);
        var strength = await db.Strengths.SingleOrDefaultAsync(s => s.Id == request.StrengthId && s.PersonId == conversation.PersonId, cancellationToken)
                       ?? throw new NotFoundException("Strength");
        strength.SetAside(moment.Now);
        db.TimelineEntries.Add(conversation.RecordPlanChange(EntryKind.StrengthRecorded, $"Set aside a strength: {strength.Text}", user.AsAuthor(), moment.Now));
        await db.SaveChangesAsync(cancellationToken);
        return await PlanQueries.ForPersonAsync(db, conversation.PersonId, moment.Today, null, cancellationToken);
    }
}

/// <summary>What a good life looks like, in the person's words.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record SetGoodLife(Guid PersonId, string? GoodLife, uint Version) : IRequest<PlanDto>, IChangesPerson;

internal sealed class SetGoodLifeValidator : AbstractValidator<SetGoodLife>
{
    public SetGoodLifeValidator() => RuleFor(x => x.GoodLife).OptionalText("what a good life looks like", Plan.GoodLifeMaxLength);
}

internal sealed class SetGoodLifeHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<SetGoodLife, PlanDto>
{
    public Task<PlanDto> Handle(SetGoodLife request, CancellationToken cancellationToken) =>
        PlanChanges.ApplyAsync(db, clock, user, request.PersonId, request.Version, (plan, by, at) => plan.SetGoodLife(request.GoodLife, by, at), cancellationToken);
}

/// <summary>Adds a goal in the person's own words.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record AddGoal(Guid PersonId, string Text, uint Version) : IRequest<PlanDto>, IChangesPerson;

internal sealed class AddGoalValidator : AbstractValidator<AddGoal>
{
    public AddGoalValidator() => RuleFor(x => x.Text).RequiredText("the goal, in their words", Plan.GoalMaxLength);
}

internal sealed class AddGoalHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AddGoal, PlanDto>
{
    public Task<PlanDto> Handle(AddGoal request, CancellationToken cancellationToken) =>
        PlanChanges.ApplyAsync(db, clock, user, request.PersonId, request.Version, (plan, by, at) => plan.AddGoal(request.Text, by, at), cancellationToken);
}

/// <summary>
/// Adds a step to a goal: what, who owns it (the person, a worker, an agency, or a community group from the
/// directory), when it is due (not before the plan was started), and notes.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record AddStep(Guid PersonId, Guid GoalId, string Description, StepOwnerKind? OwnerKind, Guid? OwnerId, DateOnly? DueOn, string? Notes, uint Version)
    : IRequest<PlanDto>, IChangesPerson;

internal sealed class AddStepValidator : AbstractValidator<AddStep>
{
    public AddStepValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.Description).RequiredText("the step", Plan.StepMaxLength);
        RuleFor(x => x.Notes).OptionalText("the notes", Plan.NotesMaxLength);
        RuleFor(x => x.GoalId)
            .MustAsync(async (request, goal, ct) => (await PlanRules.GoalsAsync(db, request.PersonId, ct)).ContainsKey(goal))
            .WithMessage("Choose one of their goals");
        PlanRules.Owner(this, db, x => x.OwnerKind, x => x.OwnerId);
        PlanRules.Due(this, db, clock, x => x.PersonId, x => x.DueOn);
    }
}

internal sealed class AddStepHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AddStep, PlanDto>
{
    public async Task<PlanDto> Handle(AddStep request, CancellationToken cancellationToken)
    {
        var owner = await PlanRules.OwnerAsync(db, request.PersonId, request.OwnerKind!.Value, request.OwnerId, cancellationToken);
        return await PlanChanges.ApplyAsync(db, clock, user, request.PersonId, request.Version,
            (plan, by, at) => plan.AddStep(request.GoalId, request.Description, owner, request.DueOn, request.Notes, by, at), cancellationToken);
    }
}

/// <summary>Changes a step: its wording, owner, due date, where it has got to (a reason when no longer needed) and notes.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record ChangeStep(
    Guid PersonId, Guid GoalId, Guid StepId, string Description, StepOwnerKind? OwnerKind, Guid? OwnerId, DateOnly? DueOn, StepStatus? Status, string? Reason,
    string? Notes, uint Version) : IRequest<PlanDto>, IChangesPerson;

internal sealed class ChangeStepValidator : AbstractValidator<ChangeStep>
{
    public ChangeStepValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.Description).RequiredText("the step", Plan.StepMaxLength);
        RuleFor(x => x.Notes).OptionalText("the notes", Plan.NotesMaxLength);
        RuleFor(x => x.Status).NotNull().WithMessage("Choose where the step has got to").IsInEnum().WithMessage("Choose where the step has got to");
        RuleFor(x => x.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why the step is no longer needed")
            .When(x => x.Status == StepStatus.NoLongerNeeded);
        RuleFor(x => x.Reason).OptionalText("the reason", Plan.ReasonMaxLength);
        RuleFor(x => x.StepId)
            .MustAsync(async (request, step, ct) => (await PlanRules.GoalsAsync(db, request.PersonId, ct)).TryGetValue(request.GoalId, out var goal) && goal.Steps.Any(s => s.Id == step))
            .WithMessage("Choose one of the steps in their plan");
        PlanRules.Owner(this, db, x => x.OwnerKind, x => x.OwnerId);
        PlanRules.Due(this, db, clock, x => x.PersonId, x => x.DueOn);
    }
}

internal sealed class ChangeStepHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ChangeStep, PlanDto>
{
    public async Task<PlanDto> Handle(ChangeStep request, CancellationToken cancellationToken)
    {
        var owner = await PlanRules.OwnerAsync(db, request.PersonId, request.OwnerKind!.Value, request.OwnerId, cancellationToken);
        return await PlanChanges.ApplyAsync(db, clock, user, request.PersonId, request.Version,
            (plan, by, at) => plan.ChangeStep(request.GoalId, request.StepId, request.Description, owner, request.DueOn, request.Status!.Value, request.Reason, request.Notes, by, at),
            cancellationToken);
    }
}

/// <summary>Records a review of the plan: when, who took part, what changed, and when the next review is.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record RecordPlanReview(Guid PersonId, DateOnly? On, string WhoTookPart, string WhatChanged, DateOnly? NextReviewOn, uint Version)
    : IRequest<PlanDto>, IChangesPerson;

internal sealed class RecordPlanReviewValidator : AbstractValidator<RecordPlanReview>
{
    public RecordPlanReviewValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.On).NotNull().WithMessage("Enter the date of the review")
            .Must(d => d <= clock.Now().Today).WithMessage("The date of the review must be today or in the past")
            .MustAsync(async (request, on, ct) => on >= (await db.Plans.AsNoTracking().Where(p => p.PersonId == new PersonId(request.PersonId))
                .Select(p => (DateOnly?)p.StartedOn).SingleOrDefaultAsync(ct) ?? clock.Now().Today))
            .WithMessage("The review cannot be before the plan was started");
        RuleFor(x => x.WhoTookPart).RequiredText("who took part", Plan.ReviewTextMaxLength);
        RuleFor(x => x.WhatChanged).RequiredText("what changed", Plan.ReviewTextMaxLength);
        RuleFor(x => x.NextReviewOn).GreaterThan(x => x.On).WithMessage("The next review must be after this one")
            .When(x => x.NextReviewOn is not null && x.On is not null);
    }
}

internal sealed class RecordPlanReviewHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RecordPlanReview, PlanDto>
{
    public Task<PlanDto> Handle(RecordPlanReview request, CancellationToken cancellationToken) =>
        PlanChanges.ApplyAsync(db, clock, user, request.PersonId, request.Version,
            (plan, by, at) => plan.RecordReview(request.On!.Value, request.WhoTookPart, request.WhatChanged, request.NextReviewOn, clock.Now().Today, by, at), cancellationToken);
}

/// <summary>Applies a change to a person's plan (started on first use), keeps the new version whole and puts a line on the timeline.</summary>
internal static class PlanChanges
{
    public static async Task<PlanDto> ApplyAsync(
        IApplicationDbContext db, TimeProvider clock, ICurrentUser user, Guid personId, uint version, Func<Plan, UserId?, DateTimeOffset, PlanVersion> change,
        CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, personId, cancellationToken);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.PersonId == conversation.PersonId, cancellationToken);
        if (plan is null)
        {
            if (version != 0)
            {
                throw ConflictException.StaleVersion();
            }

            plan = new Plan(conversation.PersonId, moment.Today);
            db.Plans.Add(plan);
        }
        else
        {
            db.ExpectVersion(plan, version);
        }

        var saved = change(plan, user.UserId, moment.Now);
        db.PlanVersions.Add(saved);
        db.TimelineEntries.Add(conversation.RecordPlanChange(EntryKind.PlanChanged, saved.Summary, user.AsAuthor(), moment.Now));
        await db.SaveChangesAsync(cancellationToken);
        return await PlanQueries.ForPersonAsync(db, conversation.PersonId, moment.Today, null, cancellationToken);
    }
}

internal static class PlanRules
{
    public static void Owner<T>(AbstractValidator<T> validator, IApplicationDbContext db, System.Linq.Expressions.Expression<Func<T, StepOwnerKind?>> kind, System.Linq.Expressions.Expression<Func<T, Guid?>> id)
    {
        var readKind = kind.Compile();
        validator.RuleFor(kind).NotNull().WithMessage("Choose who the step belongs to").IsInEnum().WithMessage("Choose who the step belongs to");
        validator.RuleFor(id)
            .NotNull().WithMessage("Choose who the step belongs to")
            .MustAsync(async (request, owner, ct) => owner is { } value && await ExistsAsync(db, readKind(request)!.Value, value, ct))
            .WithMessage("Choose someone from the list: that worker, agency or group does not exist")
            .When(x => readKind(x) is StepOwnerKind k && k != StepOwnerKind.ThePerson && Enum.IsDefined(k));
    }

    public static void Due<T>(AbstractValidator<T> validator, IApplicationDbContext db, TimeProvider clock, Func<T, Guid> person, System.Linq.Expressions.Expression<Func<T, DateOnly?>> due) =>
        validator.RuleFor(due)
            .MustAsync(async (request, day, ct) =>
            {
                var started = await db.Plans.AsNoTracking().Where(p => p.PersonId == new PersonId(person(request))).Select(p => (DateOnly?)p.StartedOn).SingleOrDefaultAsync(ct)
                              ?? clock.Now().Today;
                return day >= started;
            })
            .WithMessage("The due date cannot be before the plan was started")
            .When(x => due.Compile()(x) is not null);

    /// <summary>The person's goals as they stand, by id (none before the plan is started).</summary>
    public static async Task<IReadOnlyDictionary<Guid, PlanGoal>> GoalsAsync(IApplicationDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.TryResolveAsync(db, personId, cancellationToken);
        var plan = person is null ? null : await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == person, cancellationToken);
        return (plan?.Content.Goals ?? []).ToDictionary(g => g.Id);
    }

    public static async Task<StepOwner> OwnerAsync(IApplicationDbContext db, Guid personId, StepOwnerKind kind, Guid? id, CancellationToken cancellationToken) => kind switch
    {
        StepOwnerKind.ThePerson => new StepOwner(kind, null, "Them: " + await db.People.AsNoTracking().Where(p => p.Id == new PersonId(personId))
            .Select(p => p.PreferredName ?? p.GivenName).SingleAsync(cancellationToken)),
        StepOwnerKind.Worker => new StepOwner(kind, id, await db.StaffMembers.AsNoTracking().Where(s => s.Id == new UserId(id!.Value)).Select(s => s.DisplayName).SingleAsync(cancellationToken)),
        StepOwnerKind.Agency => new StepOwner(kind, id, await db.Agencies.AsNoTracking().Where(a => a.Id == new AgencyId(id!.Value)).Select(a => a.Name).SingleAsync(cancellationToken)),
        _ => new StepOwner(kind, id, await db.CommunityGroups.AsNoTracking().Where(g => g.Id == id!.Value).Select(g => g.Name).SingleAsync(cancellationToken)),
    };

    private static Task<bool> ExistsAsync(IApplicationDbContext db, StepOwnerKind kind, Guid id, CancellationToken cancellationToken) => kind switch
    {
        StepOwnerKind.Worker => db.StaffMembers.AnyAsync(s => s.Id == new UserId(id) && s.IsActive, cancellationToken),
        StepOwnerKind.Agency => db.Agencies.AnyAsync(a => a.Id == new AgencyId(id), cancellationToken),
        StepOwnerKind.CommunityGroup => db.CommunityGroups.AnyAsync(g => g.Id == id, cancellationToken),
        _ => Task.FromResult(true),
    };
}
