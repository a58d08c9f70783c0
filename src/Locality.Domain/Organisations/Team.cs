using Locality.Domain.Common;

namespace Locality.Domain.Organisations;

/// <summary>A team belongs to one agency and works in one locality.</summary>
public sealed class Team : AuditableEntity
{
    public const int NameMaxLength = 160;

    private Team()
    {
        Name = string.Empty;
    }

    public Team(TeamId id, string name, AgencyId agencyId, LocalityId localityId)
    {
        Id = id;
        Name = Guard.Text(name, NameMaxLength, "Name");
        AgencyId = agencyId;
        LocalityId = localityId;
    }

    public TeamId Id { get; private set; }
    public string Name { get; private set; }
    public AgencyId AgencyId { get; private set; }
    public LocalityId LocalityId { get; private set; }

    public void Change(string name, AgencyId agencyId, LocalityId localityId)
    {
        Name = Guard.Text(name, NameMaxLength, "Name");
        AgencyId = agencyId;
        LocalityId = localityId;
    }
}
