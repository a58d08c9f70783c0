using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Locality.Application.Demand;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

/// <summary>The choices on the demand page, read from the query string ("2026-01" for a month).</summary>
public sealed class DemandEvidenceFilter
{
    public Guid? LocalityId { get; set; }
    public Guid? TeamId { get; set; }
    public Guid? AgencyId { get; set; }
    public string? TypeCode { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public int Months { get; set; } = GetDemandEvidence.DefaultMonths;

    public GetDemandEvidence AsRequest() =>
        new(LocalityId, TeamId, AgencyId, string.IsNullOrWhiteSpace(TypeCode) ? null : TypeCode, Month(From), Month(To), Months);

    public string Query() => string.Join("&", new[]
    {
        LocalityId is null ? null : $"localityId={LocalityId}", TeamId is null ? null : $"teamId={TeamId}", AgencyId is null ? null : $"agencyId={AgencyId}",
        string.IsNullOrWhiteSpace(TypeCode) ? null : $"typeCode={Uri.EscapeDataString(TypeCode)}", string.IsNullOrWhiteSpace(From) ? null : $"from={Uri.EscapeDataString(From)}",
        string.IsNullOrWhiteSpace(To) ? null : $"to={Uri.EscapeDataString(To)}", $"months={Months}",
    }.Where(p => p is not null));

    /// <summary>What is wrong with the months typed, by field.</summary>
    public IEnumerable<(string Field, string Problem)> Problems()
    {
        if (!string.IsNullOrWhiteSpace(From) && Month(From) is null)
        {
            yield return (nameof(From), "Enter the from month as a year and a month in numbers, like 2026-01");
        }

        if (!string.IsNullOrWhiteSpace(To) && Month(To) is null)
        {
            yield return (nameof(To), "Enter the to month as a year and a month in numbers, like 2026-10");
        }

        if (Month(From) is { } from && Month(To) is { } to && from > to)
        {
            yield return (nameof(From), "The from month must be the same as or before the to month");
        }

        if (Months is not (3 or 6 or 12))
        {
            yield return (nameof(Months), "Compare 3, 6 or 12 months before and after");
        }
    }

    private static DateOnly? Month(string? text) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

public sealed record DemandEvidenceModel(
    DemandEvidenceFilter Filter, DemandEvidenceDto Evidence, IReadOnlyList<SelectListItem> Localities, IReadOnlyList<SelectListItem> Teams,
    IReadOnlyList<SelectListItem> Agencies, IReadOnlyList<SelectListItem> Types)
{
    public string Money(decimal? amount) => amount is { } a ? a.ToString("C0", CultureInfo.GetCultureInfo("en-GB")) : "not shown";
}

/// <summary>Entering what the service cost over a period.</summary>
public sealed class ServiceCostForm : IFormModel
{
    [Display(Name = "The first day")]
    public DateParts From { get; set; } = new();
    [Display(Name = "The last day")]
    public DateParts To { get; set; } = new();
    public decimal? Amount { get; set; }
    public string? PriceYear { get; set; }
    public string? Note { get; set; }

    public IReadOnlyList<ServiceCostDto> Entered { get; private set; } = [];

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken) =>
        Entered = await mediator.Send(new GetServiceCosts(), cancellationToken);
}
