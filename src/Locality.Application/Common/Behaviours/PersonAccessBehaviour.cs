using System.Reflection;
using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Domain.Access;
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
            var person = await PersonLookup.TryResolveAsync(db, id, cancellationToken) ?? throw new NotFoundException("Person");
            var decision = await access.DecideAsync(person, cancellationToken);
            if (!decision.Allowed || !decision.Covers(Touches)
                || (personRequest.AuditAs == AuditAction.Changed && !decision.MayContribute))
            {
                audit.Add(person, AuditAction.Refused, Name, sections);
                throw user.IsInRole(Roles.KeyWorker) || user.IsInRole(Roles.TeamLead)
                    ? new BreakGlassRequiredException(person.Value)
                    : new NotFoundException("Person");
            }

            audit.Add(person, personRequest.AuditAs, Name, sections, decision.Reason);
        }

        return await next();
    }
}
