using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Access;
using Locality.Domain.Plans;
using MediatR;

namespace Locality.Application.Plans;

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
