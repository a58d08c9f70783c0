using Locality.Domain.Access;

namespace Locality.Application.Access;

/// <summary>
/// A request that names one or more people. Before it runs, the pipeline checks the sender may see each of them
/// (not only that their role may send it), and audits the look or the change. An architecture test makes sure every
/// request carrying a person's id says so.
/// </summary>
public interface IPersonRequest
{
    IEnumerable<Guid> PersonIds { get; }

    AuditAction AuditAs { get; }
}

/// <summary>Reads part of one person's record.</summary>
public interface IReadsPerson : IPersonRequest
{
    Guid PersonId { get; }

    IEnumerable<Guid> IPersonRequest.PersonIds => [PersonId];

    AuditAction IPersonRequest.AuditAs => AuditAction.Read;
}

/// <summary>Changes or adds to one person's record.</summary>
public interface IChangesPerson : IPersonRequest
{
    Guid PersonId { get; }

    IEnumerable<Guid> IPersonRequest.PersonIds => [PersonId];

    AuditAction IPersonRequest.AuditAs => AuditAction.Changed;
}

/// <summary>The parts of the record a request reads or changes, for the audit (and for what partners may see).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TouchesAttribute(params RecordSection[] sections) : Attribute
{
    public IReadOnlyList<RecordSection> Sections { get; } = sections;
}
