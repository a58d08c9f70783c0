namespace Locality.Application.Common.Time;

/// <summary>
/// How far back anything may be recorded as having happened: a note, a rating, a demand event or an imported row.
/// Further back than this is almost always a slip in the year, so it is refused with a message saying so.
/// </summary>
public static class RecordedDates
{
    public const int FurthestBackYears = 10;
}
