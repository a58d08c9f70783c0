using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Demand;
using MediatR;

namespace Locality.Application.Demand.Imports;

/// <summary>An import's progress and its report, the rejected rows a page (1,000) at a time. A partner sees only its own agency's.</summary>
[AllowedFor(Roles.TeamLead, Roles.Admin, Roles.PartnerSystem)]
public sealed record GetDemandImport(Guid Id, int Page = 1) : IRequest<DemandImportDto>;

internal sealed class GetDemandImportValidator : AbstractValidator<GetDemandImport>
{
    public GetDemandImportValidator() => RuleFor(x => x.Page).PageNumber();
}

internal sealed class GetDemandImportHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetDemandImport, DemandImportDto>
{
    public async Task<DemandImportDto> Handle(GetDemandImport request, CancellationToken cancellationToken)
    {
        var imports = db.DemandImports.Where(i => i.Id == new DemandImportId(request.Id));
        if (user.IsInRole(Roles.PartnerSystem))
        {
            imports = imports.Where(i => i.AgencyId == user.AgencyId);
        }

        return (await DemandImportQueries.DescribeAsync(db, imports, Math.Max(1, request.Page), cancellationToken)).SingleOrDefault()
               ?? throw new NotFoundException("Import");
    }
}
