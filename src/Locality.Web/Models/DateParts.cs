using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Locality.Web.Models;

/// <summary>
/// A date typed into the GOV.UK date input as day, month and year. It is read when the form is bound
/// (<see cref="Infrastructure.DatePartsModelBinder"/>), so a wrong date is reported with the form's other errors.
/// </summary>
public sealed class DateParts
{
    public const string DayPart = "Day";
    public const string MonthPart = "Month";
    public const string YearPart = "Year";

    public string? Day { get; set; }

    public string? Month { get; set; }

    public string? Year { get; set; }

    /// <summary>The question the date answers, to start its error messages ("Date of birth must be a real date").</summary>
    [BindNever]
    public string Question { get; set; } = "The date";

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    /// <summary>The date typed, or none when nothing was typed or it is not a real date.</summary>
    public DateOnly? Date => Check().Date;

    public static DateParts From(DateOnly? date) => date is { } d
        ? new DateParts { Day = d.Day.ToString(CultureInfo.InvariantCulture), Month = d.Month.ToString(CultureInfo.InvariantCulture), Year = d.Year.ToString(CultureInfo.InvariantCulture) }
        : new DateParts();

    /// <summary>
    /// The date, or the GOV.UK message for what is wrong with it and which of the three boxes are wrong (so only they
    /// are highlighted). Empty is not an error here: callers decide if a date is needed.
    /// </summary>
    public (DateOnly? Date, string? Problem, IReadOnlyList<string> WrongParts) Check()
    {
        if (IsEmpty)
        {
            return (null, null, []);
        }

        var parts = new[] { (Name: DayPart, Text: Day), (Name: MonthPart, Text: Month), (Name: YearPart, Text: Year) };
        var missing = parts.Where(p => string.IsNullOrWhiteSpace(p.Text)).ToList();
        if (missing.Count > 0)
        {
            return (null, $"{Question} must include a {string.Join(" and ", missing.Select(p => p.Name.ToLowerInvariant()))}", missing.Select(p => p.Name).ToList());
        }

        int? Number(string text) => int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var (day, month, year) = (Number(Day!), Number(Month!), Number(Year!));
        var wrong = new List<string>();
        if (day is not (>= 1 and <= 31))
        {
            wrong.Add(DayPart);
        }

        if (month is not (>= 1 and <= 12))
        {
            wrong.Add(MonthPart);
        }

        if (year is null || Year!.Trim().Length != 4 || year < 1)
        {
            wrong.Add(YearPart);
        }

        if (wrong.Count == 0 && day > DateTime.DaysInMonth(year!.Value, month!.Value))
        {
            wrong.Add(DayPart);
        }

        if (wrong.Count > 0)
        {
            var problem = wrong is [YearPart] && year is not null ? $"{Question} must include a year with 4 numbers" : $"{Question} must be a real date";
            return (null, problem, wrong);
        }

        return (new DateOnly(year!.Value, month!.Value, day!.Value), null, []);
    }
}
