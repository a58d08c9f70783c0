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
    public AddStepValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Description).RequiredText("the step", Plan.StepMaxLength);
        RuleFor(x => x.Notes).OptionalText("the notes", Plan.NotesMaxLength);
        RuleFor(x => x.GoalId)
            .MustAsync(async (request, goal, ct) => (await PlanRules.GoalsAsync(db, request.PersonId, ct)).ContainsKey(new PlanGoalId(goal)))
            .WithMessage("Choose one of their goals");
        PlanRules.Owner(this, db, x => x.OwnerKind, x => x.OwnerId);
    }
}

internal sealed class AddStepHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AddStep, PlanDto>
{
    public async Task<PlanDto> Handle(AddStep request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var owner = await PlanRules.OwnerAsync(db, person, request.OwnerKind!.Value, request.OwnerId, cancellationToken);
        return await PlanChanges.ApplyAsync(db, clock, user, request.PersonId, request.Version,
            (plan, by, at) => plan.AddStep(new PlanGoalId(request.GoalId), request.Description, owner, request.DueOn, request.Notes, by, at), cancellationToken);
    }
}
