using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Organisations.Agencies;

[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record CreateAgency(string Name, AgencyKind Kind) : IRequest<AgencyDto>, IAgencyFields;

internal sealed class CreateAgencyValidator : AbstractValidator<CreateAgency>
{
    public CreateAgencyValidator(IApplicationDbContext db) => this.AddAgencyRules(db);
}

internal sealed class CreateAgencyHandler(IApplicationDbContext db) : IRequestHandler<CreateAgency, AgencyDto>
{
    public async Task<AgencyDto> Handle(CreateAgency request, CancellationToken cancellationToken)
    {
        var agency = new Agency(AgencyId.New(), request.Name, request.Kind);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(cancellationToken);
        return await AgencyQueries.GetAsync(db, agency.Id, cancellationToken);
    }
}
