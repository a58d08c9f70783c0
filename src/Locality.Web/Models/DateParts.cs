using System.Globalization;

namespace Locality.Web.Models;

/// <summary>A date typed into the GOV.UK date input as day, month and year.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }

    public string? Month { get; set; }

    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateParts From(DateOnly? date) => date is { } d
        ? new DateParts { Day = d.Day.ToString(CultureInfo.InvariantCulture), Month = d.Month.ToString(CultureInfo.InvariantCulture), Year = d.Year.ToString(CultureInfo.InvariantCulture) }
        : new DateParts();

    /// <summary>
    /// The date typed into the form field <paramref name="field"/>, or none; a date that cannot be read stops the request
    /// here with the GOV.UK message on that field, before anything is sent.
    /// </summary>
    public DateOnly? ReadField(string field, string label)
    {
        var (date, problem) = Read(label);
        return problem is null ? date : throw new Application.Common.Exceptions.ValidationFailedException(field, problem);
    }

    /// <summary>The date, or the GOV.UK message for what is wrong with it. Empty is not an error here: callers decide if a date is needed.</summary>
    public (DateOnly? Date, string? Problem) Read(string label)
    {
        if (IsEmpty)
        {
            return (null, null);
        }

        var missing = new[] { ("day", Day), ("month", Month), ("year", Year) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            return (null, $"{label} must include a {string.Join(" and ", missing)}");
        }

        if (!int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return (null, $"{label} must be a real date, written in numbers");
        }

        if (Year!.Trim().Length != 4)
        {
            return (null, "Year must include 4 numbers");
        }

        return month is >= 1 and <= 12 && year is >= 1 and <= 9999 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? (new DateOnly(year, month, day), null)
            : (null, $"{label} must be a real date");
    }
}
