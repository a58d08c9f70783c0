using System.Globalization;
using Locality.Application.Common.Time;

namespace Locality.Web.Models;

/// <summary>Dates and times as GOV.UK writes them ("22 November 2026", "2:30pm"), in UK time.</summary>
public static class DateWords
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static DateTimeOffset InUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, UkCalendar.TimeZone);

    public static string Date(DateTimeOffset instant) => InUk(instant).ToString("d MMMM yyyy", British);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", British);

    public static string Month(DateOnly date) => date.ToString("MMMM yyyy", British);

    public static string DateTime(DateTimeOffset instant)
    {
        var local = InUk(instant);
        return $"{local.ToString("d MMMM yyyy", British)} at {Time(local)}";
    }

    public static string Date(DateTimeOffset? instant, string whenEmpty = "Never") => instant is { } value ? Date(value) : whenEmpty;

    /// <summary>"today", "yesterday", "3 days ago".</summary>
    public static string DaysAgo(int days) => days switch
    {
        <= 0 => "today",
        1 => "yesterday",
        _ => $"{days} days ago",
    };

    private static string Time(DateTimeOffset local)
    {
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        var suffix = local.Hour < 12 ? "am" : "pm";
        return local.Minute == 0 ? $"{hour}{suffix}" : $"{hour}:{local.Minute:00}{suffix}";
    }
}
