using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Ratings;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Ratings;

/// <summary>Every rating instrument, the built-in Chaos Index first, with each version and how many ratings use it.</summary>
[AllowedFor(Roles.Admin, Roles.KeyWorker, Roles.TeamLead)]
public sealed record GetInstruments : IRequest<IReadOnlyList<InstrumentDto>>;

[AllowedFor(Roles.Admin, Roles.KeyWorker, Roles.TeamLead)]
public sealed record GetInstrument(Guid InstrumentId) : IRequest<InstrumentDto>;

internal sealed class GetInstrumentsHandler(IApplicationDbContext db)
    : IRequestHandler<GetInstruments, IReadOnlyList<InstrumentDto>>, IRequestHandler<GetInstrument, InstrumentDto>
{
    public async Task<IReadOnlyList<InstrumentDto>> Handle(GetInstruments request, CancellationToken cancellationToken) =>
        await RatingQueries.ToDtosAsync(db, await db.Instruments.AsNoTracking().ToListAsync(cancellationToken), cancellationToken);

    public Task<InstrumentDto> Handle(GetInstrument request, CancellationToken cancellationToken) =>
        RatingQueries.InstrumentAsync(db, new InstrumentId(request.InstrumentId), cancellationToken);
}
