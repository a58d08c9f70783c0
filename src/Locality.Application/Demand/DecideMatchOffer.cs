using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Demand;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>
/// A worker says whether an offered event is this person's. Confirmed, it is linked to them (their timeline and their
/// team's figures) and any other person it was offered for is answered "not them"; otherwise it stays unlinked.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.DemandEvents)]
public sealed record DecideMatchOffer(Guid PersonId, Guid OfferId, MatchDecision? Decision, uint Version) : IRequest<Unit>, IChangesPerson;

internal sealed class DecideMatchOfferValidator : AbstractValidator<DecideMatchOffer>
{
    public DecideMatchOfferValidator()
    {
        RuleFor(x => x.Decision).NotNull().WithMessage("Say whether this is theirs").IsInEnum().WithMessage("Say whether this is theirs");
    }
}

internal sealed class DecideMatchOfferHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DecideMatchOffer, Unit>
{
    public async Task<Unit> Handle(DecideMatchOffer request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, request.PersonId, cancellationToken);
        var offer = await db.DemandMatchOffers.SingleOrDefaultAsync(o => o.Id == new DemandMatchOfferId(request.OfferId) && o.PersonId == conversation.PersonId, cancellationToken)
                    ?? throw new NotFoundException("Possible match");
        db.ExpectVersion(offer, request.Version);
        offer.Decide(request.Decision!.Value, user.UserId, now);
        if (request.Decision == MatchDecision.Confirmed)
        {
            var demand = await db.DemandEvents.SingleAsync(e => e.Id == offer.EventId, cancellationToken);
            var (teamId, localityId) = await DemandQueries.TeamOfAsync(db, conversation.LeadWorkerId, cancellationToken);
            demand.LinkTo(conversation.PersonId, localityId, teamId);
            foreach (var other in await db.DemandMatchOffers.Where(o => o.EventId == offer.EventId && o.Id != offer.Id && o.Decision == null).ToListAsync(cancellationToken))
            {
                other.Decide(MatchDecision.NotThem, user.UserId, now);
            }

            var type = await db.DemandTypes.AsNoTracking().Where(t => t.Code == demand.TypeCode).Select(t => t.Name).SingleAsync(cancellationToken);
            var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == demand.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
            db.TimelineEntries.Add(conversation.RecordDemand(
                DemandEvent.TimelineLine(type, agency, demand.IsMissedAppointment, demand.Classification, null, $"from {agency}'s data, confirmed as theirs by a worker"),
                demand.OccurredAt, user.AsAuthor(), now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
