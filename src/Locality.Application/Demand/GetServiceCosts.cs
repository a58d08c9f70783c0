using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>What the team lead's service cost over each period they entered.</summary>
[AllowedFor(Roles.TeamLead)]
public sealed record GetServiceCosts : IRequest<IReadOnlyList<ServiceCostDto>>;

internal sealed class GetServiceCostsHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetServiceCosts, IReadOnlyList<ServiceCostDto>>
{
    public async Task<IReadOnlyList<ServiceCostDto>> Handle(GetServiceCosts request, CancellationToken cancellationToken)
    {
        var team = user.TeamId ?? throw new ForbiddenException("Only a team lead with a team can see this.");
        return await db.ServiceCosts.AsNoTracking().Where(c => c.TeamId == team).OrderBy(c => c.From)
            .Select(c => new ServiceCostDto(c.Id.Value, c.From, c.To, c.Amount, c.PriceYear, c.Note)).ToListAsync(cancellationToken);
    }
}
