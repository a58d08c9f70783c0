using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>The demand types and the kinds of failure demand to choose from.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead, Roles.Admin, Roles.PartnerSystem)]
public sealed record GetDemandCatalogue : IRequest<DemandCatalogueDto>;

internal sealed class GetDemandCatalogueHandler(IApplicationDbContext db) : IRequestHandler<GetDemandCatalogue, DemandCatalogueDto>
{
    public async Task<DemandCatalogueDto> Handle(GetDemandCatalogue request, CancellationToken cancellationToken) => new(
        (await db.DemandTypes.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(t => t.Name).Select(t => new DemandTypeDto(t.Code, t.Name, t.RecordsAttendance, t.CountsTowardsRepeatCallOuts)).ToList(),
        (await db.FailureTypes.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(t => t.Name).Select(t => new FailureTypeDto(t.Code, t.Name, t.Example)).ToList());
}
