using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Demand;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>An administrator enters (or corrects) the price index for a financial year, with where it came from. Version 0 adds.</summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record SavePriceIndex(string Year, decimal? Value, string Source, uint Version) : IRequest<Unit>;

internal sealed class SavePriceIndexValidator : AbstractValidator<SavePriceIndex>
{
    public SavePriceIndexValidator()
    {
        RuleFor(x => x.Year).Must(y => FinancialYear.TryParse(y, out _)).WithMessage("Enter the financial year like 2024/25");
        RuleFor(x => x.Value).NotNull().WithMessage("Enter the index").GreaterThan(0).WithMessage("The index must be more than 0")
            .LessThan(100_000).WithMessage("The index must be less than 100,000");
        RuleFor(x => x.Source).RequiredText("where the figure comes from", PriceIndex.SourceMaxLength);
    }
}

internal sealed class SavePriceIndexHandler(IApplicationDbContext db) : IRequestHandler<SavePriceIndex, Unit>
{
    public async Task<Unit> Handle(SavePriceIndex request, CancellationToken cancellationToken)
    {
        var year = FinancialYear.Parse(request.Year);
        var index = await db.PriceIndices.SingleOrDefaultAsync(i => i.Year == year, cancellationToken);
        if (index is null)
        {
            if (request.Version != 0)
            {
                throw new NotFoundException("Price index");
            }

            db.PriceIndices.Add(new PriceIndex(year, request.Value!.Value, request.Source.Trim()));
        }
        else
        {
            if (request.Version == 0)
            {
                throw new ConflictException($"There is already an index for {year}: change that one.", ConflictKind.Duplicate);
            }

            db.ExpectVersion(index, request.Version);
            index.Change(request.Value!.Value, request.Source.Trim());
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
