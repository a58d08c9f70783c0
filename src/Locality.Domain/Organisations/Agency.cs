using Locality.Domain.Common;

namespace Locality.Domain.Organisations;

/// <summary>An organisation whose people work with or alongside the service: the council, police, a GP surgery, housing…</summary>
public sealed class Agency : AuditableEntity
{
    public const int NameMaxLength = 160;

    private Agency()
    {
        Name = string.Empty;
    }

    public Agency(AgencyId id, string name, AgencyKind kind)
    {
        Id = id;
        Name = Guard.Text(name, NameMaxLength, "Name");
        Kind = kind;
    }

    public AgencyId Id { get; private set; }
    public string Name { get; private set; }
    public AgencyKind Kind { get; private set; }

    public void Change(string name, AgencyKind kind)
    {
        Name = Guard.Text(name, NameMaxLength, "Name");
        Kind = kind;
    }
}
