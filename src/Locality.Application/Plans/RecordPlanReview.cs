using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Domain.Access;
using Locality.Domain.Plans;
using MediatR;

namespace Locality.Application.Plans;

/// <summary>Records a review of the plan: when, who took part, what changed, and when the next review is.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record RecordPlanReview(Guid PersonId, DateOnly? On, string WhoTookPart, string WhatChanged, DateOnly? NextReviewOn, uint Version)
    : IRequest<PlanDto>, IChangesPerson;

internal sealed class RecordPlanReviewValidator : AbstractValidator<RecordPlanReview>
{
    public RecordPlanReviewValidator()
    {
        RuleFor(x => x.On).NotNull().WithMessage("Enter the date of the review");
        RuleFor(x => x.WhoTookPart).RequiredText("who took part", Plan.ReviewTextMaxLength);
        RuleFor(x => x.WhatChanged).RequiredText("what changed", Plan.ReviewTextMaxLength);
    }
}

internal sealed class RecordPlanReviewHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RecordPlanReview, PlanDto>
{
    public Task<PlanDto> Handle(RecordPlanReview request, CancellationToken cancellationToken) =>
        PlanChanges.ApplyAsync(db, clock, user, request.PersonId, request.Version,
            (plan, by, at) => plan.RecordReview(request.On!.Value, request.WhoTookPart, request.WhatChanged, request.NextReviewOn, clock.Now().Today, by, at), cancellationToken);
}
