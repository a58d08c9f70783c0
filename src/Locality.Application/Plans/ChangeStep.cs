using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Plans;
using MediatR;

namespace Locality.Application.Plans;

/// <summary>Changes a step: its wording, owner, due date, where it has got to (a reason when no longer needed) and notes.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record ChangeStep(
    Guid PersonId, Guid GoalId, Guid StepId, string Description, StepOwnerKind? OwnerKind, Guid? OwnerId, DateOnly? DueOn, StepStatus? Status, string? Reason,
    string? Notes, uint Version) : IRequest<PlanDto>, IChangesPerson;

internal sealed class ChangeStepValidator : AbstractValidator<ChangeStep>
{
    public ChangeStepValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Description).RequiredText("the step", Plan.StepMaxLength);
        RuleFor(x => x.Notes).OptionalText("the notes", Plan.NotesMaxLength);
        RuleFor(x => x.Status).NotNull().WithMessage("Choose where the step has got to").IsInEnum().WithMessage("Choose where the step has got to");
        RuleFor(x => x.Reason).OptionalText("the reason", Plan.ReasonMaxLength);
        RuleFor(x => x.StepId)
            .MustAsync(async (request, step, ct) => (await PlanRules.GoalsAsync(db, request.PersonId, ct)).TryGetValue(new PlanGoalId(request.GoalId), out var goal) && goal.Steps.Any(s => s.Id == new PlanStepId(step)))
            .WithMessage("Choose one of the steps in their plan");
        PlanRules.Owner(this, db, x => x.OwnerKind, x => x.OwnerId);
    }
}

internal sealed class ChangeStepHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ChangeStep, PlanDto>
{
    public async Task<PlanDto> Handle(ChangeStep request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var owner = await PlanRules.OwnerAsync(db, person, request.OwnerKind!.Value, request.OwnerId, cancellationToken);
        return await PlanChanges.ApplyAsync(db, clock, user, request.PersonId, request.Version,
            (plan, by, at) => plan.ChangeStep(new PlanGoalId(request.GoalId), new PlanStepId(request.StepId), request.Description, owner, request.DueOn, request.Status!.Value, request.Reason, request.Notes, by, at),
            cancellationToken);
    }
}
