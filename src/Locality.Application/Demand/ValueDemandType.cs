using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>An administrator chooses the unit cost a demand type is valued at (none: counted, not valued).</summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record ValueDemandType(string TypeCode, string? UnitCostCode) : IRequest<Unit>;

internal sealed class ValueDemandTypeValidator : AbstractValidator<ValueDemandType>
{
    public ValueDemandTypeValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.TypeCode).MustAsync((code, ct) => db.DemandTypes.AnyAsync(t => t.Code == code, ct)).WithMessage("Choose a kind of demand from the list");
        RuleFor(x => x.UnitCostCode)
            .MustAsync((code, ct) => db.UnitCosts.AnyAsync(c => c.Code == code!.Trim(), ct)).WithMessage("Enter the code of a unit cost in the table, such as HE4.0")
            .When(x => !string.IsNullOrWhiteSpace(x.UnitCostCode));
    }
}

internal sealed class ValueDemandTypeHandler(IApplicationDbContext db) : IRequestHandler<ValueDemandType, Unit>
{
    public async Task<Unit> Handle(ValueDemandType request, CancellationToken cancellationToken)
    {
        var type = await db.DemandTypes.SingleAsync(t => t.Code == request.TypeCode, cancellationToken);
        type.ValueAt(request.UnitCostCode?.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
