using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Localities;

[AllowedForAnySignedIn]
public sealed record GetLocalities : IRequest<IReadOnlyList<LocalityDto>>;

internal sealed class GetLocalitiesHandler(IApplicationDbContext db) : IRequestHandler<GetLocalities, IReadOnlyList<LocalityDto>>
{
    public async Task<IReadOnlyList<LocalityDto>> Handle(GetLocalities request, CancellationToken cancellationToken) =>
        await LocalityQueries.Project(db, db.Localities).ToListAsync(cancellationToken);
}
