using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.People;
using Locality.Domain.Access;
using MediatR;

namespace Locality.Application.Plans;

/// <summary>A person's strengths and plan, now or (with <c>AsOf</c>) as they stood at the end of that day, with every change.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record GetPlan(Guid PersonId, DateOnly? AsOf = null) : IRequest<PlanDto>, IReadsPerson;

internal sealed class GetPlanValidator : AbstractValidator<GetPlan>
{
    public GetPlanValidator(TimeProvider clock) =>
        RuleFor(x => x.AsOf).Must(d => d <= clock.Now().Today).WithMessage("Choose a date that has passed").When(x => x.AsOf is not null);
}

internal sealed class GetPlanHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<GetPlan, PlanDto>
{
    public async Task<PlanDto> Handle(GetPlan request, CancellationToken cancellationToken) =>
        await PlanQueries.ForPersonAsync(db, await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken), clock.Now().Today, request.AsOf, cancellationToken);
}
