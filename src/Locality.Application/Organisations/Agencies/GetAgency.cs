using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Organisations.Agencies;

[AllowedForAnySignedIn]
public sealed record GetAgency(Guid Id) : IRequest<AgencyDto>;

internal sealed class GetAgencyHandler(IApplicationDbContext db) : IRequestHandler<GetAgency, AgencyDto>
{
    public Task<AgencyDto> Handle(GetAgency request, CancellationToken cancellationToken) =>
        AgencyQueries.GetAsync(db, new AgencyId(request.Id), cancellationToken);
}
