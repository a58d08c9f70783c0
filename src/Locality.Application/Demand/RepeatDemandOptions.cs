namespace Locality.Application.Demand;

/// <summary>
/// When repeated demand is flagged: so many call-outs or anti-social behaviour reports (the types marked as counting
/// towards repeat call-outs) within so many days, for a person or an address; and so many missed appointments.
/// A locality agrees its own thresholds; these are the defaults.
/// </summary>
public sealed class RepeatDemandOptions
{
    public const string Section = "Demand:Repeats";

    public int CallOuts { get; set; } = 3;

    public int CallOutDays { get; set; } = 183;

    public int MissedAppointments { get; set; } = 2;

    public int MissedAppointmentDays { get; set; } = 90;
}
