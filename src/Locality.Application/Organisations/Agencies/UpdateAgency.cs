using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Agencies;

[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record UpdateAgency(Guid Id, string Name, AgencyKind Kind, uint Version) : IRequest<AgencyDto>, IAgencyFields;

internal sealed class UpdateAgencyValidator : AbstractValidator<UpdateAgency>
{
    public UpdateAgencyValidator(IApplicationDbContext db) => this.AddAgencyRules(db, x => x.Id);
}

internal sealed class UpdateAgencyHandler(IApplicationDbContext db) : IRequestHandler<UpdateAgency, AgencyDto>
{
    public async Task<AgencyDto> Handle(UpdateAgency request, CancellationToken cancellationToken)
    {
        var id = new AgencyId(request.Id);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
                     ?? throw new NotFoundException("Agency");
        db.ExpectVersion(agency, request.Version);
        agency.Change(request.Name, request.Kind);
        await db.SaveChangesAsync(cancellationToken);
        return await AgencyQueries.GetAsync(db, id, cancellationToken);
    }
}
