namespace Locality.Application.Demand;

public enum RepeatKind
{
    CallOutsToAPerson = 1,
    CallOutsToAnAddress = 2,
    MissedAppointments = 3,
}

/// <summary>A person or an address that has reached a repeat threshold, with the events behind it, newest first.</summary>
public sealed record RepeatDemandDto(RepeatKind Kind, Guid? PersonId, string? PersonName, string? Address, int Events, DateTimeOffset Latest, IReadOnlyList<DemandEventDto> Behind);
