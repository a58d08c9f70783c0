using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Demand;
using MediatR;

namespace Locality.Application.Demand;

/// <summary>A team lead enters what their service cost over a period (for example a year's budget), in one year's prices.</summary>
[AllowedFor(Roles.TeamLead)]
public sealed record RecordServiceCost(DateOnly? From, DateOnly? To, decimal? Amount, string PriceYear, string? Note) : IRequest<ServiceCostDto>;

internal sealed class RecordServiceCostValidator : AbstractValidator<RecordServiceCost>
{
    public RecordServiceCostValidator()
    {
        RuleFor(x => x.From).NotNull().WithMessage("Enter the first day of the period");
        RuleFor(x => x.To).NotNull().WithMessage("Enter the last day of the period")
            .Must((r, to) => r.From is null || to is null || to >= r.From).WithMessage("The last day must be on or after the first")
            .Must((r, to) => r.From is null || to is null || to.Value.DayNumber - r.From.Value.DayNumber < 3700).WithMessage("A period can be at most ten years");
        RuleFor(x => x.Amount).NotNull().WithMessage("Enter what the service cost").GreaterThanOrEqualTo(0).WithMessage("The cost cannot be negative")
            .LessThan(1_000_000_000).WithMessage("The cost must be less than £1,000,000,000");
        RuleFor(x => x.PriceYear).Must(y => FinancialYear.TryParse(y, out _)).WithMessage("Enter the price year like 2025/26");
        RuleFor(x => x.Note).OptionalText("the note", ServiceCost.NoteMaxLength);
    }
}

internal sealed class RecordServiceCostHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<RecordServiceCost, ServiceCostDto>
{
    public async Task<ServiceCostDto> Handle(RecordServiceCost request, CancellationToken cancellationToken)
    {
        var team = user.TeamId ?? throw new ForbiddenException("Only a team lead with a team can enter its cost.");
        var cost = new ServiceCost(team, request.From!.Value, request.To!.Value, request.Amount!.Value, request.PriceYear, request.Note, user.UserId);
        db.ServiceCosts.Add(cost);
        await db.SaveChangesAsync(cancellationToken);
        return new ServiceCostDto(cost.Id.Value, cost.From, cost.To, cost.Amount, cost.PriceYear, cost.Note);
    }
}
