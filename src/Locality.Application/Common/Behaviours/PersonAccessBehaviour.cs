using System.Reflection;
using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.People;
using MediatR;

namespace Locality.Application.Common.Behaviours;

/// <summary>
/// For a request that names people, checks the sender may see each one (and the parts the request touches), and
/// audits the look, the change, or the refusal. A partner is told a person they may not see does not exist, exactly as
/// for a person who really does not; a worker is told they may open the record in an emergency.
/// </summary>
internal sealed class PersonAccessBehaviour<TRequest, TResponse>(
    IPersonAccess access, IApplicationDbContext db, IAuditTrail audit, ICurrentUser user) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly IReadOnlyList<RecordSection> Touches =
        typeof(TRequest).GetCustomAttribute<TouchesAttribute>()?.Sections ?? [.. AccessDecision.Everything];

    private static readonly string Name = typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IPersonRequest personRequest)
        {
            return await next();
        }

        var sections = SectionNames.Describe(Touches);
        foreach (var id in personRequest.PersonIds.Distinct())
        {
            // An id that names no one is decided and audited as a refusal too, so a partner cannot tell from the time
            // taken (or anything else) whether a person they may not see exists.
            var found = await PersonLookup.TryResolveAsync(db, id, cancellationToken);
            var person = found ?? new PersonId(id);
            var decision = await access.DecideAsync(person, cancellationToken);
            if (found is null)
            {
                audit.Add(person, AuditAction.Refused, Name, sections);
                throw new NotFoundException("Person");
            }

            if (!decision.Allowed || !decision.Covers(Touches)
                || (personRequest.AuditAs == AuditAction.Changed && !decision.MayContribute))
            {
                audit.Add(person, AuditAction.Refused, Name, sections);
                throw user.HoldsRecords()
                    ? new BreakGlassRequiredException(person.Value)
                    : new NotFoundException("Person");
            }

            audit.Add(person, personRequest.AuditAs, Name, sections, decision.Reason);
        }

        return await next();
    }
}
