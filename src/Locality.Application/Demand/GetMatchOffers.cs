using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Demand;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>Events from partners' data that may be this person's, waiting for a worker to say whether they are.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.DemandEvents)]
public sealed record GetMatchOffers(Guid PersonId) : IRequest<IReadOnlyList<MatchOfferDto>>, IReadsPerson
{
    public const int Shown = 200;
}

internal sealed class GetMatchOffersHandler(IApplicationDbContext db) : IRequestHandler<GetMatchOffers, IReadOnlyList<MatchOfferDto>>
{
    public async Task<IReadOnlyList<MatchOfferDto>> Handle(GetMatchOffers request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var offers = await db.DemandMatchOffers.AsNoTracking().Where(o => o.PersonId == person && o.Decision == null).OrderBy(o => o.OfferedAt).Take(GetMatchOffers.Shown).ToListAsync(cancellationToken);
        var eventIds = offers.Select(o => o.EventId).ToList();
        var events = (await DemandQueries.DescribeAsync(db, db.DemandEvents.Where(e => eventIds.Contains(e.Id)), cancellationToken)).ToDictionary(e => new DemandEventId(e.Id));
        return offers.Where(o => events.ContainsKey(o.EventId)).Select(o => new MatchOfferDto(o.Id.Value, o.Why, events[o.EventId], o.Version)).ToList();
    }
}
