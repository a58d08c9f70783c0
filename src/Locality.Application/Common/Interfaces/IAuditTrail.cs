using Locality.Domain.Access;
using Locality.Domain.People;

namespace Locality.Application.Common.Interfaces;

/// <summary>
/// Collects the audit records of one request (who looked at or changed whose record, which part, why); they are
/// written together when the request ends, whether it succeeded or was refused.
/// </summary>
public interface IAuditTrail
{
    void Add(PersonId? person, AuditAction action, string request, string? sections = null, string? reason = null);

    Task FlushAsync(CancellationToken cancellationToken);
}
