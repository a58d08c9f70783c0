using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Demand;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>The price base, the price indices and how each demand type is valued.</summary>
[AllowedFor(Roles.Admin, Roles.TeamLead)]
public sealed record GetCostSettings : IRequest<CostSettingsDto>;

internal sealed class GetCostSettingsHandler(IApplicationDbContext db) : IRequestHandler<GetCostSettings, CostSettingsDto>
{
    public async Task<CostSettingsDto> Handle(GetCostSettings request, CancellationToken cancellationToken)
    {
        var settings = await db.CostSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var indices = (await db.PriceIndices.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(i => i.Year, StringComparer.Ordinal)
            .Select(i => new PriceIndexDto(i.Year, i.Value, i.Source, i.Version)).ToList();
        var types = await (from t in db.DemandTypes.AsNoTracking()
                           join c in db.UnitCosts on t.UnitCostCode equals c.Code into valued
                           from c in valued.DefaultIfEmpty()
                           orderby t.Name
                           select new DemandTypeCostDto(t.Code, t.Name, t.UnitCostCode, c.Description, (decimal?)c.Cost, c.PriceYear)).ToListAsync(cancellationToken);
        return new CostSettingsDto(settings?.PriceBase ?? FinancialYear.Of(DateOnly.FromDateTime(DateTime.UtcNow)), indices, types);
    }
}
