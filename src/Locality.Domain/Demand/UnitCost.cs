using System.Globalization;
using System.Text.RegularExpressions;
using Locality.Domain.Common;
using Locality.Domain.Organisations;

namespace Locality.Domain.Demand;

/// <summary>
/// What one unit of a public service costs, in the prices of one financial year: seeded from the GMCA (New Economy)
/// unit cost database and editable by administrators. A demand type is valued with the unit cost it maps to.
/// </summary>
public sealed class UnitCost : AuditableEntity
{
    public const int CodeMaxLength = 20;
    public const int TextMaxLength = 500;

    private UnitCost()
    {
        Code = Description = Unit = Agency = PriceYear = string.Empty;
    }

    public UnitCost(string code, string? category, string? detail, string description, string unit, decimal cost, string agency, string? agencyDetail, string priceYear)
    {
        Code = Guard.Text(code, CodeMaxLength, "The code");
        Description = Unit = Agency = PriceYear = string.Empty;
        Category = category;
        Detail = detail;
        Change(description, unit, cost, agency, agencyDetail, priceYear);
    }

    public string Code { get; private set; }
    public string? Category { get; private set; }
    public string? Detail { get; private set; }
    public string Description { get; private set; }
    public string Unit { get; private set; }

    /// <summary>Pounds, in the prices of <see cref="PriceYear"/>.</summary>
    public decimal Cost { get; private set; }

    public string Agency { get; private set; }
    public string? AgencyDetail { get; private set; }

    /// <summary>The financial year the cost is priced in, as 2010/11.</summary>
    public string PriceYear { get; private set; }

    public void Change(string description, string unit, decimal cost, string agency, string? agencyDetail, string priceYear)
    {
        if (cost < 0)
        {
            throw new BusinessRuleException("A unit cost cannot be negative.");
        }

        Description = Guard.Text(description, TextMaxLength, "The description");
        Unit = Guard.Text(unit, 100, "The unit");
        Cost = cost;
        Agency = Guard.Text(agency, 100, "The agency");
        AgencyDetail = string.IsNullOrWhiteSpace(agencyDetail) ? null : Guard.Text(agencyDetail, 100, "The agency detail");
        PriceYear = FinancialYear.Parse(priceYear);
    }
}

/// <summary>An index of prices (such as the HM Treasury GDP deflator) for one financial year, entered by an administrator.</summary>
public sealed class PriceIndex : AuditableEntity
{
    public const int SourceMaxLength = 300;

    private PriceIndex()
    {
        Year = Source = string.Empty;
    }

    public PriceIndex(string year, decimal value, string source)
    {
        Year = FinancialYear.Parse(year);
        Source = string.Empty;
        Change(value, source);
    }

    public string Year { get; private set; }
    public decimal Value { get; private set; }

    /// <summary>Where the figure came from, shown beside every money figure: "HM Treasury GDP deflator, June 2026".</summary>
    public string Source { get; private set; }

    public void Change(decimal value, string source)
    {
        if (value <= 0)
        {
            throw new BusinessRuleException("A price index is more than zero.");
        }

        Value = value;
        Source = Guard.Text(source, SourceMaxLength, "The source");
    }
}

/// <summary>The locality's money settings: the one price base every figure is uprated to. A single row.</summary>
public sealed class CostSettings : AuditableEntity
{
    public const int SingleId = 1;

    private CostSettings()
    {
        PriceBase = string.Empty;
    }

    public CostSettings(string priceBase)
    {
        Id = SingleId;
        PriceBase = string.Empty;
        ChoosePriceBase(priceBase);
    }

    public int Id { get; private set; }
    public string PriceBase { get; private set; }

    public void ChoosePriceBase(string year) => PriceBase = FinancialYear.Parse(year);
}

/// <summary>What a team's service cost over a period, entered by its team lead, in the prices of one year.</summary>
public sealed class ServiceCost : AuditableEntity
{
    public const int NoteMaxLength = 500;

    private ServiceCost()
    {
        PriceYear = string.Empty;
    }

    public ServiceCost(TeamId team, DateOnly from, DateOnly to, decimal amount, string priceYear, string? note, UserId? by)
    {
        if (to < from)
        {
            throw new BusinessRuleException("The period must end on or after the day it starts.");
        }

        if (amount < 0)
        {
            throw new BusinessRuleException("A service cost cannot be negative.");
        }

        Id = ServiceCostId.New();
        TeamId = team;
        From = from;
        To = to;
        Amount = amount;
        PriceYear = FinancialYear.Parse(priceYear);
        Note = string.IsNullOrWhiteSpace(note) ? null : Guard.Text(note, NoteMaxLength, "The note");
        EnteredBy = by;
    }

    public ServiceCostId Id { get; private set; }
    public TeamId TeamId { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public decimal Amount { get; private set; }
    public string PriceYear { get; private set; }
    public string? Note { get; private set; }
    public UserId? EnteredBy { get; private set; }

    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>A UK financial year (April to March), written 2024/25.</summary>
public static partial class FinancialYear
{
    public static bool TryParse(string? input, out string year)
    {
        year = string.Empty;
        var match = Pattern().Match(input?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            return false;
        }

        var start = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (start is < 1950 or > 2100 || (start + 1) % 100 != end)
        {
            return false;
        }

        year = $"{start}/{end:00}";
        return true;
    }

    public static string Parse(string input) =>
        TryParse(input, out var year) ? year : throw new BusinessRuleException("A financial year is written like 2024/25.");

    /// <summary>The financial year a day falls in: 1 April 2025 to 31 March 2026 is 2025/26.</summary>
    public static string Of(DateOnly day)
    {
        var start = day.Month >= 4 ? day.Year : day.Year - 1;
        return $"{start}/{(start + 1) % 100:00}";
    }

    [GeneratedRegex(@"^(\d{4})\s*[/-]\s*(\d{2})$")]
    private static partial Regex Pattern();
}
