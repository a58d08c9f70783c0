using Locality.Domain.Demand;

namespace Locality.Application.Demand;

public sealed record DemandTypeDto(string Code, string Name, bool RecordsAttendance, bool CountsTowardsRepeatCallOuts);

public sealed record FailureTypeDto(string Code, string Name, string? Example);

public sealed record DemandCatalogueDto(IReadOnlyList<DemandTypeDto> Types, IReadOnlyList<FailureTypeDto> FailureTypes);

/// <summary>A change of classification; the failure types as codes (for partner systems) and as names (for people).</summary>
public sealed record ReclassificationDto(
    DemandClass From, string? FromFailureType, DemandClass To, string? ToFailureType, string Reason, string? ByName, DateTimeOffset At,
    string? FromFailureTypeName = null, string? ToFailureTypeName = null);

public sealed record DemandEventDto(
    Guid Id, string TypeCode, string TypeName, Guid AgencyId, string AgencyName, DateTimeOffset OccurredAt, string? Uprn, string? Postcode, string? AddressLine1,
    Guid? PersonId, string? SourceReference, DemandClass Classification, string? FailureTypeCode, string? FailureTypeName, int? AttendanceCode,
    bool IsMissedAppointment, IReadOnlyList<ReclassificationDto> Reclassifications, uint Version);

/// <summary>An event from a partner's data that may be this person's, and why it was offered.</summary>
public sealed record MatchOfferDto(Guid Id, string Why, DemandEventDto Event, uint Version);
