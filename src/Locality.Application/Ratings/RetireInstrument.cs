using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Ratings;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Ratings;

/// <summary>Stops an instrument being used for new ratings. Its ratings, and their versions, stay.</summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record RetireInstrument(Guid InstrumentId, uint Version) : IRequest<InstrumentDto>;

internal sealed class RetireInstrumentHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<RetireInstrument, InstrumentDto>
{
    public async Task<InstrumentDto> Handle(RetireInstrument request, CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.SingleOrDefaultAsync(i => i.Id == new InstrumentId(request.InstrumentId), cancellationToken)
                         ?? throw new NotFoundException("Instrument");
        db.ExpectVersion(instrument, request.Version);
        instrument.Retire(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await RatingQueries.InstrumentAsync(db, instrument.Id, cancellationToken);
    }
}
