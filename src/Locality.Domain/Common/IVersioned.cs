namespace Locality.Domain.Common;

/// <summary>
/// An editable row whose concurrency token the client must send back with a change,
/// so that two people editing at once cannot silently overwrite each other.
/// </summary>
public interface IVersioned
{
    uint Version { get; }
}
