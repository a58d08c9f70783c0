using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Organisations.Localities;

[AllowedForAnySignedIn]
public sealed record GetLocality(Guid Id) : IRequest<LocalityDto>;

internal sealed class GetLocalityHandler(IApplicationDbContext db) : IRequestHandler<GetLocality, LocalityDto>
{
    public Task<LocalityDto> Handle(GetLocality request, CancellationToken cancellationToken) =>
        LocalityQueries.GetAsync(db, new LocalityId(request.Id), cancellationToken);
}
