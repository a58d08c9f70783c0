using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Domain.Access;
using MediatR;

namespace Locality.Application.Demand;

/// <summary>The demand recorded about a person, newest first, with every change to how each was classified.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.DemandEvents)]
public sealed record GetPersonDemand(Guid PersonId) : IRequest<IReadOnlyList<DemandEventDto>>, IReadsPerson;

internal sealed class GetPersonDemandHandler(IApplicationDbContext db) : IRequestHandler<GetPersonDemand, IReadOnlyList<DemandEventDto>>
{
    public async Task<IReadOnlyList<DemandEventDto>> Handle(GetPersonDemand request, CancellationToken cancellationToken) =>
        await DemandQueries.ForPersonAsync(db, await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken), cancellationToken);
}
