namespace Locality.Domain.Common;

/// <summary>Who made and last changed a row, and when. Set by the persistence layer, never by handlers.</summary>
public interface IAuditable
{
    DateTimeOffset CreatedAt { get; }
    Guid? CreatedBy { get; }
    DateTimeOffset? UpdatedAt { get; }
    Guid? UpdatedBy { get; }

    void StampCreated(DateTimeOffset at, Guid? by);
    void StampUpdated(DateTimeOffset at, Guid? by);
}
