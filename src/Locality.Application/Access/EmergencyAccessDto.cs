namespace Locality.Application.Access;

public sealed record EmergencyAccessDto(
    Guid Id, Guid PersonId, string PersonName, Guid WorkerId, string WorkerName, string Reason, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt,
    string? ReviewedByName, DateTimeOffset? ReviewedAt, string? ReviewNote);
