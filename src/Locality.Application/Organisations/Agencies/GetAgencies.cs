using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Agencies;

[AllowedForAnySignedIn]
public sealed record GetAgencies : IRequest<IReadOnlyList<AgencyDto>>;

internal sealed class GetAgenciesHandler(IApplicationDbContext db) : IRequestHandler<GetAgencies, IReadOnlyList<AgencyDto>>
{
    public async Task<IReadOnlyList<AgencyDto>> Handle(GetAgencies request, CancellationToken cancellationToken) =>
        await AgencyQueries.Project(db, db.Agencies).ToListAsync(cancellationToken);
}
