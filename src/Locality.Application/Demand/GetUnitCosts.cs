using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>Unit costs whose code or description contains the words given (all of them if none), <see cref="Shown"/> at most.</summary>
[AllowedFor(Roles.Admin, Roles.TeamLead)]
public sealed record GetUnitCosts(string? Words) : IRequest<IReadOnlyList<UnitCostDto>>
{
    public const int Shown = 100;
}

internal sealed class GetUnitCostsHandler(IApplicationDbContext db) : IRequestHandler<GetUnitCosts, IReadOnlyList<UnitCostDto>>
{
    public async Task<IReadOnlyList<UnitCostDto>> Handle(GetUnitCosts request, CancellationToken cancellationToken)
    {
        var costs = db.UnitCosts.AsNoTracking();
        foreach (var word in (request.Words ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5))
        {
            var lower = word.ToLowerInvariant();
            costs = costs.Where(c => c.Code.ToLower().Contains(lower) || c.Description.ToLower().Contains(lower));
        }

        return await costs.OrderBy(c => c.Code).Take(GetUnitCosts.Shown)
            .Select(c => new UnitCostDto(c.Code, c.Category, c.Description, c.Unit, c.Cost, c.Agency, c.PriceYear, c.Version)).ToListAsync(cancellationToken);
    }
}
