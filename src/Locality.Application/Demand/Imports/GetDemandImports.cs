using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;

namespace Locality.Application.Demand.Imports;

/// <summary>The latest imports (<see cref="Shown"/>), newest first, without their rejected rows.</summary>
[AllowedFor(Roles.TeamLead, Roles.Admin)]
public sealed record GetDemandImports : IRequest<IReadOnlyList<DemandImportDto>>
{
    public const int Shown = 100;
}

internal sealed class GetDemandImportsHandler(IApplicationDbContext db) : IRequestHandler<GetDemandImports, IReadOnlyList<DemandImportDto>>
{
    public Task<IReadOnlyList<DemandImportDto>> Handle(GetDemandImports request, CancellationToken cancellationToken) =>
        DemandImportQueries.DescribeAsync(db, db.DemandImports.OrderByDescending(i => i.SubmittedAt).Take(GetDemandImports.Shown), 0, cancellationToken);
}
