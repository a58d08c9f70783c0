using Locality.Application.Demand;
using Locality.Web.Areas.Admin.Models;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Areas.Admin.Controllers;

/// <summary>Money: the price base, price indices, which unit cost each kind of demand is valued at, and the unit cost table.</summary>
[Route("/admin/costs")]
public sealed class CostsController(IMediator mediator) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken, string? words = null)
    {
        ViewData["Words"] = words;
        ViewData["UnitCosts"] = await mediator.Send(new GetUnitCosts(words), cancellationToken);
        return View(await mediator.Send(new GetCostSettings(), cancellationToken));
    }

    [HttpGet("price-base")]
    [ConfirmItIsYouFirst(typeof(ChoosePriceBase))]
    public async Task<IActionResult> PriceBase(CancellationToken cancellationToken) =>
        View(new PriceBaseForm { Year = (await mediator.Send(new GetCostSettings(), cancellationToken)).PriceBase });

    [HttpPost("price-base")]
    public async Task<IActionResult> PriceBase(PriceBaseForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new ChoosePriceBase(form.Year ?? string.Empty), cancellationToken);
        return Saved($"Money is now shown in {form.Year} prices", Paths.Costs);
    }

    [HttpGet("indices/new")]
    [ConfirmItIsYouFirst(typeof(SavePriceIndex))]
    public IActionResult NewIndex() => View("PriceIndex", new PriceIndexForm());

    [HttpGet("indices/{year}")]
    [ConfirmItIsYouFirst(typeof(SavePriceIndex))]
    public async Task<IActionResult> EditIndex(string year, CancellationToken cancellationToken)
    {
        var wanted = year.Replace('-', '/');
        var index = (await mediator.Send(new GetCostSettings(), cancellationToken)).Indices.SingleOrDefault(i => i.Year == wanted);
        return index is null ? NotFound() : View("PriceIndex", new PriceIndexForm { Year = index.Year, Value = index.Value, Source = index.Source, Version = index.Version });
    }

    [HttpPost("indices")]
    [AfterConfirmingReturnTo(nameof(Index))]
    [FormView("PriceIndex")]
    public async Task<IActionResult> SaveIndex(PriceIndexForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new SavePriceIndex(form.Year ?? string.Empty, form.Value, form.Source ?? string.Empty, form.Version), cancellationToken);
        return Saved($"The index for {form.Year} is saved", Paths.Costs);
    }

    [HttpGet("types/{code}")]
    [ConfirmItIsYouFirst(typeof(ValueDemandType))]
    public async Task<IActionResult> Valuation(string code, CancellationToken cancellationToken)
    {
        var type = (await mediator.Send(new GetCostSettings(), cancellationToken)).Types.SingleOrDefault(t => t.Code == code);
        return type is null ? NotFound() : View(new ValuationForm { TypeCode = type.Code, TypeName = type.Name, UnitCostCode = type.UnitCostCode });
    }

    [HttpPost("types/{code}")]
    public async Task<IActionResult> Valuation(string code, ValuationForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new ValueDemandType(code, form.UnitCostCode), cancellationToken);
        return Saved("The valuation is saved", Paths.Costs);
    }

    [HttpGet("unit-costs/new")]
    [ConfirmItIsYouFirst(typeof(SaveUnitCost))]
    public IActionResult NewUnitCost() => View("UnitCost", new UnitCostForm());

    [HttpGet("unit-costs/{code}")]
    [ConfirmItIsYouFirst(typeof(SaveUnitCost))]
    public async Task<IActionResult> EditUnitCost(string code, CancellationToken cancellationToken)
    {
        var cost = (await mediator.Send(new GetUnitCosts(code), cancellationToken)).SingleOrDefault(c => c.Code == code);
        return cost is null
            ? NotFound()
            : View("UnitCost", new UnitCostForm { Code = cost.Code, Description = cost.Description, Unit = cost.Unit, Cost = cost.Cost, Agency = cost.Agency, PriceYear = cost.PriceYear, Version = cost.Version });
    }

    [HttpPost("unit-costs")]
    [AfterConfirmingReturnTo(nameof(Index))]
    [FormView("UnitCost")]
    public async Task<IActionResult> SaveUnitCost(UnitCostForm form, CancellationToken cancellationToken)
    {
        var saved = await mediator.Send(new Application.Demand.SaveUnitCost(
            form.Code ?? string.Empty, form.Description ?? string.Empty, form.Unit ?? string.Empty, form.Cost, form.Agency ?? string.Empty, form.PriceYear ?? string.Empty, form.Version),
            cancellationToken);
        return Saved($"{saved.Code} is saved", Paths.CostsFinding(saved.Code));
    }
}
