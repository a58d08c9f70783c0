using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Demand;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>Unit costs of the demand types, uprated to the price base with the price indices entered.</summary>
internal sealed class Money
{
    private readonly Dictionary<string, decimal> costs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> indices = new(StringComparer.Ordinal);

    private Money(string priceBase) => PriceBase = priceBase;

    public string PriceBase { get; }
    public string? Source { get; private set; }
    public List<string> Missing { get; } = [];
    public List<string> NotValued { get; } = [];
    public bool Complete => Missing.Count == 0;

    public static async Task<Money> LoadAsync(IApplicationDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.CostSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var money = new Money(settings?.PriceBase ?? FinancialYear.Of(DateOnly.FromDateTime(DateTime.UtcNow)));
        foreach (var index in await db.PriceIndices.AsNoTracking().ToListAsync(cancellationToken))
        {
            money.indices[index.Year] = index.Value;
            if (index.Year == money.PriceBase)
            {
                money.Source = index.Source;
            }
        }
        var types = await (from t in db.DemandTypes.AsNoTracking()
                           join c in db.UnitCosts on t.UnitCostCode equals c.Code into valued
                           from c in valued.DefaultIfEmpty()
                           select new { t.Code, t.Name, Cost = (decimal?)c.Cost, Year = c.PriceYear }).ToListAsync(cancellationToken);
        var needed = new SortedSet<string>(StringComparer.Ordinal) { money.PriceBase };
        foreach (var type in types)
        {
            if (type.Cost is null)
            {
                money.NotValued.Add(type.Name);
                continue;
            }

            needed.Add(type.Year);
            money.costs[type.Code] = type.Cost.Value * money.Uplift(type.Year);
        }

        foreach (var year in (await db.ServiceCosts.AsNoTracking().Select(c => c.PriceYear).Distinct().ToListAsync(cancellationToken)))
        {
            needed.Add(year);
        }

        money.Missing.AddRange(needed.Where(y => !money.indices.ContainsKey(y)));
        money.NotValued.Sort(StringComparer.Ordinal);
        return money;
    }

    /// <summary>How much a pound in the prices of <paramref name="year"/> is in the price base: 1 when an index is missing (and money is then not shown).</summary>
    public decimal Uplift(string year) =>
        indices.TryGetValue(year, out var from) && indices.TryGetValue(PriceBase, out var to) ? to / from : 1m;

    public decimal CostOf(string type) => costs.GetValueOrDefault(type);
}
