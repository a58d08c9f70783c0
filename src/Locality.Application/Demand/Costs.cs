using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Demand;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

public sealed record UnitCostDto(string Code, string? Category, string Description, string Unit, decimal Cost, string Agency, string PriceYear, uint Version);

public sealed record PriceIndexDto(string Year, decimal Value, string Source, uint Version);

public sealed record DemandTypeCostDto(string Code, string Name, string? UnitCostCode, string? UnitCostDescription, decimal? Cost, string? PriceYear);

public sealed record CostSettingsDto(string PriceBase, IReadOnlyList<PriceIndexDto> Indices, IReadOnlyList<DemandTypeCostDto> Types);

public sealed record ServiceCostDto(Guid Id, DateOnly From, DateOnly To, decimal Amount, string PriceYear, string? Note);

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

/// <summary>Unit costs whose code or description contains the words given (all of them if none), 100 at most.</summary>
[AllowedFor(Roles.Admin, Roles.TeamLead)]
public sealed record FindUnitCosts(string? Words) : IRequest<IReadOnlyList<UnitCostDto>>;

internal sealed class FindUnitCostsHandler(IApplicationDbContext db) : IRequestHandler<FindUnitCosts, IReadOnlyList<UnitCostDto>>
{
    public async Task<IReadOnlyList<UnitCostDto>> Handle(FindUnitCosts request, CancellationToken cancellationToken)
    {
        var costs = db.UnitCosts.AsNoTracking();
        foreach (var word in (request.Words ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5))
        {
            var lower = word.ToLowerInvariant();
            costs = costs.Where(c => c.Code.ToLower().Contains(lower) || c.Description.ToLower().Contains(lower));
        }

        return await costs.OrderBy(c => c.Code).Take(100)
            .Select(c => new UnitCostDto(c.Code, c.Category, c.Description, c.Unit, c.Cost, c.Agency, c.PriceYear, c.Version)).ToListAsync(cancellationToken);
    }
}

/// <summary>An administrator corrects a unit cost (or adds one when the code is new). Version 0 adds; otherwise it must match.</summary>
[AllowedFor(Roles.Admin)]
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

/// <summary>An administrator chooses the unit cost a demand type is valued at (none: counted, not valued).</summary>
[AllowedFor(Roles.Admin)]
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

/// <summary>An administrator enters (or corrects) the price index for a financial year, with where it came from. Version 0 adds.</summary>
[AllowedFor(Roles.Admin)]
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

/// <summary>An administrator chooses the price base every money figure is uprated to.</summary>
[AllowedFor(Roles.Admin)]
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

/// <summary>What the team lead's service cost over each period they entered.</summary>
[AllowedFor(Roles.TeamLead)]
public sealed record GetServiceCosts : IRequest<IReadOnlyList<ServiceCostDto>>;

internal sealed class GetServiceCostsHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetServiceCosts, IReadOnlyList<ServiceCostDto>>
{
    public async Task<IReadOnlyList<ServiceCostDto>> Handle(GetServiceCosts request, CancellationToken cancellationToken)
    {
        var team = user.TeamId ?? throw new ForbiddenException("Only a team lead with a team can see this.");
        return await db.ServiceCosts.AsNoTracking().Where(c => c.TeamId == team).OrderBy(c => c.From)
            .Select(c => new ServiceCostDto(c.Id, c.From, c.To, c.Amount, c.PriceYear, c.Note)).ToListAsync(cancellationToken);
    }
}

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
        return new ServiceCostDto(cost.Id, cost.From, cost.To, cost.Amount, cost.PriceYear, cost.Note);
    }
}
