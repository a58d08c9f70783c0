using Locality.Domain.Organisations;

namespace Locality.Application.Organisations.Agencies;

public sealed record AgencyDto(Guid Id, string Name, AgencyKind Kind, int TeamCount, uint Version)
{
    public string KindName => AgencyKinds.DisplayName(Kind);
}
