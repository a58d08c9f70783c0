using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Access;
using Locality.Domain.Plans;
using MediatR;

namespace Locality.Application.Plans;

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
