using Locality.Domain.Common;

namespace Locality.Application.Common.Time;

/// <summary>Instants are stored in UTC; "today" and the dates people see are in UK time.</summary>
public static class UkCalendar
{
    /// <summary>The IANA name, for SQL that works out UK dates in PostgreSQL.</summary>
    public const string ZoneName = "Europe/London";

    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ZoneName);

    public static Moment Now(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new Moment(now, DateOf(now));
    }

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>A UK date and an optional UK clock time as an instant (midday when no time was given).</summary>
    public static DateTimeOffset InstantOf(DateOnly date, TimeOnly? time)
    {
        var local = date.ToDateTime(time ?? new TimeOnly(12, 0), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
