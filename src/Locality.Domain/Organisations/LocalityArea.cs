using Locality.Domain.Common;

namespace Locality.Domain.Organisations;

/// <summary>
/// A place the service works in (a town, a ward cluster, a neighbourhood). Named LocalityArea in code
/// only because "Locality" is the product's root namespace; on screen it is a locality.
/// </summary>
public sealed class LocalityArea : AuditableEntity
{
    public const int NameMaxLength = 120;

    private LocalityArea()
    {
        Name = string.Empty;
    }

    public LocalityArea(LocalityId id, string name)
    {
        Id = id;
        Name = Guard.Text(name, NameMaxLength, "Name");
    }

    public LocalityId Id { get; private set; }
    public string Name { get; private set; }

    public void Rename(string name) => Name = Guard.Text(name, NameMaxLength, "Name");
}
