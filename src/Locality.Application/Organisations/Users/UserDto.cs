using Locality.Domain.Organisations;

namespace Locality.Application.Organisations.Users;

public sealed record UserDto(
    Guid Id,
    string DisplayName,
    string Email,
    Guid TeamId,
    string TeamName,
    Guid AgencyId,
    string AgencyName,
    AgencyKind AgencyKind,
    IReadOnlyList<string> Roles,
    bool IsActive,
    bool AwaitsApproval,
    bool IsBreakGlassAdmin,
    uint Version);
