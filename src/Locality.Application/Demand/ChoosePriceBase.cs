using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Demand;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>An administrator chooses the price base every money figure is uprated to.</summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record ChoosePriceBase(string Year) : IRequest<Unit>;

internal sealed class ChoosePriceBaseValidator : AbstractValidator<ChoosePriceBase>
{
    public ChoosePriceBaseValidator()
    {
        RuleFor(x => x.Year).Must(y => FinancialYear.TryParse(y, out _)).WithMessage("Enter the financial year like 2024/25");
    }
}

internal sealed class ChoosePriceBaseHandler(IApplicationDbContext db) : IRequestHandler<ChoosePriceBase, Unit>
{
    public async Task<Unit> Handle(ChoosePriceBase request, CancellationToken cancellationToken)
    {
        var settings = await db.CostSettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            db.CostSettings.Add(new CostSettings(request.Year));
        }
        else
        {
            settings.ChoosePriceBase(request.Year);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
