namespace Locality.Application.Demand;

public sealed record UnitCostDto(string Code, string? Category, string Description, string Unit, decimal Cost, string Agency, string PriceYear, uint Version);

public sealed record PriceIndexDto(string Year, decimal Value, string Source, uint Version);

public sealed record DemandTypeCostDto(string Code, string Name, string? UnitCostCode, string? UnitCostDescription, decimal? Cost, string? PriceYear);

public sealed record CostSettingsDto(string PriceBase, IReadOnlyList<PriceIndexDto> Indices, IReadOnlyList<DemandTypeCostDto> Types);

public sealed record ServiceCostDto(Guid Id, DateOnly From, DateOnly To, decimal Amount, string PriceYear, string? Note);
