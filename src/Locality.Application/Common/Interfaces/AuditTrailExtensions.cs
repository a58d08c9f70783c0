using Locality.Domain.Access;
using Locality.Domain.People;

namespace Locality.Application.Common.Interfaces;

internal static class AuditTrailExtensions
{
    /// <summary>
    /// A list named these people: each is audited as seen in a list, with what the list showed of them (one of
    /// <see cref="Access.ListedDetails"/>), so their access log says where their name appeared.
    /// </summary>
    public static void Listed(this IAuditTrail audit, IEnumerable<PersonId> people, string request, string shown)
    {
        foreach (var person in people)
        {
            audit.Add(person, AuditAction.Listed, request, shown);
        }
    }
}
