using System.Globalization;
using Locality.Application.Common.Time;
using Locality.Application.Demand.Imports;
using Locality.Domain.Demand;
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
        await EnsureUnitCostsAsync(db, clock, cancellationToken);
    }

    /// <summary>
    /// Unit costs from the GMCA v1.4 table (any code not yet present; administrators' changes are kept), and on first
    /// install a starting valuation of the demand types an administrator should review: the closest entry in the
    /// table for each, none where the table has no fair match.
    /// </summary>
    private static async Task EnsureUnitCostsAsync(LocalityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var firstInstall = !await db.UnitCosts.AnyAsync(cancellationToken);
        var present = (await db.UnitCosts.Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        await using (var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("unit-costs-gmca-v1.4.csv")
                                  ?? throw new InvalidOperationException("The unit cost table is missing from the build."))
        using (var reader = new StreamReader(stream))
        {
            var records = CsvRecords.Read(reader).GetEnumerator();
            records.MoveNext();
            var header = records.Current.Values.Select(v => v.Trim()).ToList();
            int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new InvalidOperationException($"The unit cost table has no {name} column.");
            var (code, category, detail, description, unit, cost, agency, agencyDetail, year) = (Column("code"), Column("category"), Column("detail"),
                Column("description"), Column("unit"), Column("cost_gbp"), Column("agency"), Column("agency_detail"), Column("price_year"));
            while (records.MoveNext())
            {
                var v = records.Current.Values;
                if (present.Add(v[code]))
                {
                    db.UnitCosts.Add(new UnitCost(v[code], v[category], v[detail], v[description], v[unit],
                        decimal.Parse(v[cost], CultureInfo.InvariantCulture), v[agency], v[agencyDetail], v[year]));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (firstInstall)
        {
            foreach (var type in await db.DemandTypes.ToListAsync(cancellationToken))
            {
                if (StartingValuation.TryGetValue(type.Code, out var unitCost) && present.Contains(unitCost))
                {
                    type.ValueAt(unitCost);
                }
            }
        }

        if (!await db.CostSettings.AnyAsync(cancellationToken))
        {
            db.CostSettings.Add(new CostSettings(FinancialYear.Of(UkCalendar.Now(clock).Today)));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The closest GMCA v1.4 entry for each demand type, as a start: reviewed and changed by administrators.</summary>
    private static readonly Dictionary<string, string> StartingValuation = new(StringComparer.Ordinal)
    {
        ["police-call-out"] = "CR1.1", // police reporting of an incident, no further action
        ["asb-report"] = "CR1.1",
        ["arrest"] = "CR7.0", // arrest, detained
        ["ambulance-call-out"] = "HE3.0",
        ["ae-attendance"] = "HE4.0",
        ["emergency-admission"] = "HE7.0.2", // non-elective inpatient episode
        ["homelessness-presentation"] = "HO1.0.5", // deciding a homelessness application
        ["eviction-notice"] = "HO1.0.2", // administrative costs of eviction
    };
}
