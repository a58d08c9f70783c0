using Locality.Application.Demand;
using MediatR;

namespace Locality.Api.Endpoints;

/// <summary>Money: unit costs, price indices and the price base (administrators); the team's service costs and the demand evidence (team leads).</summary>
internal static class CostEndpoints
{
    public static void MapCostEndpoints(this IEndpointRouteBuilder app)
    {
        var costs = app.MapGroup("/api/costs").WithTags("Costs");
        costs.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new GetCostSettings(), ct))
            .Sends<GetCostSettings>().WithSummary("The price base, the price indices and the unit cost each kind of demand is valued at");
        costs.MapGet("/unit-costs", (IMediator m, CancellationToken ct, string? words = null) => m.Send(new GetUnitCosts(words), ct))
            .Sends<GetUnitCosts>().WithSummary($"Unit costs whose code or description has all the words given ({GetUnitCosts.Shown} at most)");
        costs.MapPut("/unit-costs/{code}", (string code, UnitCostBody b, IMediator m, CancellationToken ct) =>
                m.Send(new SaveUnitCost(code, b.Description, b.Unit, b.Cost, b.Agency, b.PriceYear, b.Version), ct))
            .Sends<SaveUnitCost>().WithSummary("Add a unit cost (version 0) or correct one (its version as read; 409 if changed since)");
        costs.MapPut("/demand-types/{typeCode}", async (string typeCode, ValuationBody b, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new ValueDemandType(typeCode, b.UnitCostCode), ct);
                return TypedResults.NoContent();
            })
            .Sends<ValueDemandType>().WithSummary("Choose the unit cost a kind of demand is valued at (none: counted, not valued)");
        costs.MapPost("/price-indices", async (PriceIndexBody b, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new SavePriceIndex(b.Year, b.Value, b.Source, b.Version), ct);
                return TypedResults.NoContent();
            })
            .Sends<SavePriceIndex>().WithSummary("Enter the price index for a financial year (version 0), or correct it (its version)");
        costs.MapPut("/price-base", async (PriceBaseBody b, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new ChoosePriceBase(b.Year), ct);
                return TypedResults.NoContent();
            })
            .Sends<ChoosePriceBase>().WithSummary("Choose the financial year whose prices every money figure is shown in");

        var team = app.MapGroup("/api/team").WithTags("Costs");
        team.MapGet("/service-costs", (IMediator m, CancellationToken ct) => m.Send(new GetServiceCosts(), ct))
            .Sends<GetServiceCosts>().WithSummary("What the team lead's service cost, period by period");
        team.MapPost("/service-costs", async (ServiceCostBody b, IMediator m, CancellationToken ct) =>
                TypedResults.Created("/api/team/service-costs", await m.Send(new RecordServiceCost(b.From, b.To, b.Amount, b.PriceYear, b.Note), ct)))
            .Sends<RecordServiceCost>().WithSummary("Enter what the service cost over a period, in one year's prices");
        team.MapGet("/demand-evidence", (IMediator m, CancellationToken ct, Guid? localityId = null, Guid? teamId = null, Guid? agencyId = null,
                    string? typeCode = null, DateOnly? from = null, DateOnly? to = null, int months = 3) =>
                m.Send(new GetDemandEvidence(localityId, teamId, agencyId, typeCode, from, to, months), ct))
            .Sends<GetDemandEvidence>().WithSummary("Failure and value demand by month, top repeat addresses, missed-appointment rate, before and after, and saved per £1")
            .WithDescription("Months are whole calendar months in UK time (from and to are any day in the first and last month). Money is in the price base named in the answer, and absent while a price index it needs is missing.");
    }

    internal sealed record UnitCostBody(string Description, string Unit, decimal? Cost, string Agency, string PriceYear, uint Version);

    internal sealed record ValuationBody(string? UnitCostCode);

    internal sealed record PriceIndexBody(string Year, decimal? Value, string Source, uint Version);

    internal sealed record PriceBaseBody(string Year);

    internal sealed record ServiceCostBody(DateOnly? From, DateOnly? To, decimal? Amount, string PriceYear, string? Note);
}
