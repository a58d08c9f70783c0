using Locality.Domain.Ratings;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Locality.Infrastructure.Seeding;

/// <summary>
/// What every installation has from the start, made by the <c>migrate</c> command when it is missing: the built-in
/// Chaos Index (then data like any other instrument: administrators may revise it; ratings keep their version), and
/// the demand catalogue and the working taxonomy of failure demand (both extendable).
/// </summary>
public static class ReferenceData
{
    public static async Task EnsureAsync(LocalityDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        if (!await db.Instruments.AnyAsync(i => i.Key == Instrument.ChaosIndexKey, cancellationToken))
        {
            db.Instruments.Add(Instrument.Define(ChaosIndex.Definition, clock.GetUtcNow(), Instrument.ChaosIndexKey, builtIn: true));
            await db.SaveChangesAsync(cancellationToken);
        }

        var types = await db.DemandTypes.Select(t => t.Code).ToListAsync(cancellationToken);
        db.DemandTypes.AddRange(Domain.Demand.DemandCatalogue.Types.Where(t => !types.Contains(t.Code)));
        var failures = await db.FailureTypes.Select(t => t.Code).ToListAsync(cancellationToken);
        db.FailureTypes.AddRange(Domain.Demand.DemandCatalogue.FailureTypes.Where(t => !failures.Contains(t.Code)));
        await db.SaveChangesAsync(cancellationToken);
    }
}
