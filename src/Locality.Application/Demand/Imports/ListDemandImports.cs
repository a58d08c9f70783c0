using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;

namespace Locality.Application.Demand.Imports;

/// <summary>The latest imports (100), newest first, without their rejected rows.</summary>
[AllowedFor(Roles.TeamLead, Roles.Admin)]
public sealed record ListDemandImports : IRequest<IReadOnlyList<DemandImportDto>>;

internal sealed class ListDemandImportsHandler(IApplicationDbContext db) : IRequestHandler<ListDemandImports, IReadOnlyList<DemandImportDto>>
{
    public Task<IReadOnlyList<DemandImportDto>> Handle(ListDemandImports request, CancellationToken cancellationToken) =>
        DemandImportQueries.DescribeAsync(db, db.DemandImports.OrderByDescending(i => i.SubmittedAt).Take(100), 0, cancellationToken);
}
