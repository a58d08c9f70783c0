using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Demand;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>
/// A team lead changes how an event about a person was classified, with a reason. The earlier classification is
/// kept. <c>Version</c> is the event's version as read (409 if someone reclassified it since).
/// </summary>
[AllowedFor(Roles.TeamLead)]
[Touches(RecordSection.DemandEvents)]
public sealed record ReclassifyDemandEvent(Guid PersonId, Guid EventId, DemandClass? Classification, string? FailureTypeCode, string Reason, uint Version)
    : IRequest<DemandEventDto>, IChangesPerson;

internal sealed class ReclassifyDemandEventValidator : AbstractValidator<ReclassifyDemandEvent>
{
    public ReclassifyDemandEventValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Classification).NotNull().WithMessage("Say whether it was value or failure demand").IsInEnum().WithMessage("Say whether it was value or failure demand");
        RuleFor(x => x.FailureTypeCode)
            .NotEmpty().WithMessage("Say what kind of failure demand it was")
            .MustAsync((code, ct) => db.FailureTypes.AnyAsync(t => t.Code == code, ct)).WithMessage("Choose a kind of failure demand from the list")
            .When(x => x.Classification == DemandClass.Failure);
        RuleFor(x => x.Reason).RequiredText("why it is being reclassified", DemandEvent.ReasonMaxLength);
    }
}

internal sealed class ReclassifyDemandEventHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ReclassifyDemandEvent, DemandEventDto>
{
    public async Task<DemandEventDto> Handle(ReclassifyDemandEvent request, CancellationToken cancellationToken)
    {
        // The person was checked (and the change audited) before this runs; the event must be theirs.
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var demand = await db.DemandEvents.SingleOrDefaultAsync(e => e.Id == new DemandEventId(request.EventId) && e.PersonId == person, cancellationToken)
                     ?? throw new NotFoundException("Demand event");
        db.ExpectVersion(demand, request.Version);
        db.DemandReclassifications.Add(demand.Reclassify(request.Classification!.Value, request.FailureTypeCode, request.Reason, user.UserId, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return (await DemandQueries.DescribeAsync(db, db.DemandEvents.Where(e => e.Id == demand.Id), cancellationToken)).Single();
    }
}
