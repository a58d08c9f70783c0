using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Demand;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>An administrator corrects a unit cost (or adds one when the code is new). Version 0 adds; otherwise it must match.</summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record SaveUnitCost(string Code, string Description, string Unit, decimal? Cost, string Agency, string PriceYear, uint Version) : IRequest<UnitCostDto>;

internal sealed class SaveUnitCostValidator : AbstractValidator<SaveUnitCost>
{
    public SaveUnitCostValidator()
    {
        RuleFor(x => x.Code).RequiredText("the code", UnitCost.CodeMaxLength);
        RuleFor(x => x.Description).RequiredText("what it is the cost of", UnitCost.TextMaxLength);
        RuleFor(x => x.Unit).RequiredText("the unit, such as per incident", 100);
        RuleFor(x => x.Cost).NotNull().WithMessage("Enter the cost in pounds").GreaterThanOrEqualTo(0).WithMessage("The cost cannot be negative")
            .LessThan(100_000_000).WithMessage("The cost must be less than £100,000,000");
        RuleFor(x => x.Agency).RequiredText("the agency that bears the cost", 100);
        RuleFor(x => x.PriceYear).Must(y => FinancialYear.TryParse(y, out _)).WithMessage("Enter the price year like 2013/14");
    }
}

internal sealed class SaveUnitCostHandler(IApplicationDbContext db) : IRequestHandler<SaveUnitCost, UnitCostDto>
{
    public async Task<UnitCostDto> Handle(SaveUnitCost request, CancellationToken cancellationToken)
    {
        var code = request.Code.Trim();
        var cost = await db.UnitCosts.SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (cost is null)
        {
            if (request.Version != 0)
            {
                throw new NotFoundException("Unit cost");
            }

            cost = new UnitCost(code, null, null, request.Description.Trim(), request.Unit.Trim(), request.Cost!.Value, request.Agency.Trim(), null, request.PriceYear);
            db.UnitCosts.Add(cost);
        }
        else
        {
            db.ExpectVersion(cost, request.Version);
            cost.Change(request.Description.Trim(), request.Unit.Trim(), request.Cost!.Value, request.Agency.Trim(), cost.AgencyDetail, request.PriceYear);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new UnitCostDto(cost.Code, cost.Category, cost.Description, cost.Unit, cost.Cost, cost.Agency, cost.PriceYear, cost.Version);
    }
}
