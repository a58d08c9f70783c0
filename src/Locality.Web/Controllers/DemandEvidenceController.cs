using System.Globalization;
using System.Text;
using Locality.Application.Common.Security;
using Locality.Application.Demand;
using Locality.Application.Organisations.Agencies;
using Locality.Application.Organisations.Localities;
using Locality.Application.Organisations.Teams;
using Locality.Domain.Demand;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Controllers;

/// <summary>The team lead's evidence of demand: failure against value by month, repeats, missed appointments, before and after, and money.</summary>
[Authorize(Roles = Roles.TeamLead)]
public sealed class DemandEvidenceController(IMediator mediator) : Controller
{
    [HttpGet("/team/demand")]
    public async Task<IActionResult> Index([FromQuery] DemandEvidenceFilter filter, CancellationToken cancellationToken)
    {
        var evidence = await EvidenceAsync(filter, cancellationToken);
        if (evidence is null)
        {
            // The page is shown with the filters as typed and the error summary, over the usual period's figures (hidden).
            Response.StatusCode = StatusCodes.Status400BadRequest;
            evidence = await mediator.Send(new GetDemandEvidence(filter.LocalityId, filter.TeamId, filter.AgencyId, null, null, null, GetDemandEvidence.DefaultMonths), cancellationToken);
        }

        var localities = await mediator.Send(new GetLocalities(), cancellationToken);
        var teams = await mediator.Send(new GetTeams(), cancellationToken);
        var agencies = await mediator.Send(new GetAgencies(), cancellationToken);
        var catalogue = await mediator.Send(new GetDemandCatalogue(), cancellationToken);
        return View(new DemandEvidenceModel(
            filter, evidence,
            localities.Select(l => new SelectListItem(l.Name, l.Id.ToString())).ToList(),
            teams.Select(t => new SelectListItem(t.Name, t.Id.ToString())).ToList(),
            agencies.Select(a => new SelectListItem(a.Name, a.Id.ToString())).ToList(),
            catalogue.Types.Select(t => new SelectListItem(t.Name, t.Code)).ToList()));
    }

    /// <summary>Every figure on the page, as CSV: one row per figure, with the section, the month or address, and the price base.</summary>
    [HttpGet("/team/demand/export")]
    public async Task<IActionResult> Export([FromQuery] DemandEvidenceFilter filter, CancellationToken cancellationToken)
    {
        if (await EvidenceAsync(filter, cancellationToken, export: true) is not { } e)
        {
            return Redirect($"{Paths.TeamDemand}?{filter.Query()}");
        }

        var csv = new StringBuilder("section,period_or_address,measure,value,price_base\r\n");
        void Row(string section, string what, string measure, object? value, bool money = false) =>
            csv.Append(Csv(section)).Append(',').Append(Csv(what)).Append(',').Append(Csv(measure)).Append(',')
                .Append(Csv(value switch { null => string.Empty, decimal d => d.ToString("0.00", CultureInfo.InvariantCulture), _ => Convert.ToString(value, CultureInfo.InvariantCulture)! }))
                .Append(',').Append(money ? Csv(e.PriceBase) : string.Empty).Append("\r\n");
        foreach (var m in e.ByMonth)
        {
            var month = m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            Row("by month", month, "value demand events", m.Value);
            Row("by month", month, "failure demand events", m.Failure);
            Row("by month", month, "value demand cost", m.ValueCost, true);
            Row("by month", month, "failure demand cost", m.FailureCost, true);
        }

        var period = $"{e.From:yyyy-MM} to {e.To:yyyy-MM}";
        Row("totals", period, "value demand events", e.Value);
        Row("totals", period, "failure demand events", e.Failure);
        Row("totals", period, "value demand cost", e.ValueCost, true);
        Row("totals", period, "failure demand cost", e.FailureCost, true);
        Row("missed appointments", period, $"appointments due (codes {DemandEvent.DueCodes.From} to {DemandEvent.DueCodes.To})", e.Appointments);
        Row("missed appointments", period, $"missed (codes {string.Join(" and ", DemandEvent.MissedCodes)})", e.Missed);
        Row("missed appointments", period, "missed rate", e.MissedRate);
        foreach (var a in e.TopAddresses)
        {
            Row("top repeat addresses", a.Address, "call-outs and anti-social behaviour reports", a.Events);
        }

        if (e.BeforeAfter is { } b)
        {
            var window = $"{b.Months} months before and after each start";
            Row("before and after", window, "people counted", b.People);
            Row("before and after", window, "people too recent to count", b.PeopleTooRecent);
            Row("before and after", window, "failure demand before", b.FailureBefore);
            Row("before and after", window, "failure demand after", b.FailureAfter);
            Row("before and after", window, "value demand before", b.ValueBefore);
            Row("before and after", window, "value demand after", b.ValueAfter);
            Row("before and after", window, "failure demand cost before", b.FailureCostBefore, true);
            Row("before and after", window, "failure demand cost after", b.FailureCostAfter, true);
            Row("before and after", window, "service cost for the people counted", b.ServiceCost, true);
            Row("before and after", window, "failure demand cost avoided per £1 of service cost", b.SavedPerPound);
        }

        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"demand-{e.From:yyyy-MM}-to-{e.To:yyyy-MM}.csv");
    }

    /// <summary>The figures for the filters, or none when a filter is wrong: each problem is then a field error in ModelState.</summary>
    private async Task<DemandEvidenceDto?> EvidenceAsync(DemandEvidenceFilter filter, CancellationToken cancellationToken, bool export = false)
    {
        foreach (var (field, problem) in filter.Problems())
        {
            ModelState.AddModelError(field, problem);
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        try
        {
            return export
                ? await mediator.Send(new ExportDemandEvidence(filter.AsRequest()), cancellationToken)
                : await mediator.Send(filter.AsRequest(), cancellationToken);
        }
        catch (Application.Common.Exceptions.ValidationFailedException invalid)
        {
            foreach (var (path, messages) in invalid.Errors)
            {
                var field = path[(path.LastIndexOf('.') + 1)..];
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field is nameof(GetDemandEvidence.From) or nameof(GetDemandEvidence.To) or nameof(GetDemandEvidence.Months) ? field : string.Empty, message);
                }
            }

            return null;
        }
    }

    /// <summary>A CSV value, quoted when it must be, and never read as a formula by a spreadsheet.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0]) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    [HttpGet("/team/service-costs")]
    public async Task<IActionResult> ServiceCosts(CancellationToken cancellationToken)
    {
        var form = new ServiceCostForm();
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    [HttpPost("/team/service-costs")]
    [ReportsEveryError]
    public async Task<IActionResult> ServiceCosts(ServiceCostForm form, CancellationToken cancellationToken)
    {
        await this.SendFormAsync(mediator, new RecordServiceCost(
            form.From.Date, form.To.Date, form.Amount, form.PriceYear ?? string.Empty, form.Note),
            cancellationToken);
        TempData["Success"] = "The service's cost is saved";
        return Redirect(Paths.ServiceCosts);
    }
}
