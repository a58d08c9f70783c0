namespace Locality.Application.Organisations.Teams;

public sealed record TeamDto(
    Guid Id,
    string Name,
    Guid AgencyId,
    string AgencyName,
    Guid LocalityId,
    string LocalityName,
    int MemberCount,
    uint Version);
