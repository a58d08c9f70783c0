using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Access;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Demand;

/// <summary>
/// Repeat demand among a team lead's team's people, and at addresses in the team's locality (or where those people's call-outs were): call-outs to a person or an
/// address, and missed appointments, at or over the thresholds, each with the events behind it.
/// </summary>
[AllowedFor(Roles.TeamLead)]
public sealed record GetRepeatDemand : IRequest<IReadOnlyList<RepeatDemandDto>>;

internal sealed class GetRepeatDemandHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<RepeatDemandOptions> options, IAuditTrail audit, IDemandTotals totals)
    : IRequestHandler<GetRepeatDemand, IReadOnlyList<RepeatDemandDto>>
{
    public async Task<IReadOnlyList<RepeatDemandDto>> Handle(GetRepeatDemand request, CancellationToken cancellationToken)
    {
        var team = user.TeamId ?? throw new ForbiddenException("Only a team lead with a team can see this.");
        var people = await (
                from c in db.Conversations.AsNoTracking()
                join s in db.StaffMembers on c.LeadWorkerId equals s.Id
                join p in db.People on c.PersonId equals p.Id
                where s.TeamId == team
                select new { p.Id, Name = (p.PreferredName ?? p.GivenName) + " " + p.FamilyName })
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var locality = await db.Teams.Where(t => t.Id == team).Select(t => (LocalityId?)t.LocalityId).SingleOrDefaultAsync(cancellationToken);
        var found = await RepeatQueries.FindAsync(db, clock, options.Value, people.Keys.ToList(), locality, totals, cancellationToken);

        // An address's call-outs count whoever they were about, but the list names only people the team lead may open.
        var carried = found.SelectMany(r => r.Behind.Select(e => e.PersonId)).Concat(found.Select(r => r.PersonId))
            .OfType<Guid>().Select(id => new PersonId(id));
        var visible = await PersonVisibility.WhichVisibleAsync(db, user, clock.GetUtcNow(), carried, cancellationToken);
        var shown = found
            .Where(r => r.PersonId is not { } id || visible.Contains(new PersonId(id)))
            .Select(r => r with
            {
                PersonName = r.PersonId is { } id ? people.GetValueOrDefault(new PersonId(id)) : null,
                Behind = r.Behind.Select(e => e.PersonId is { } id && !visible.Contains(new PersonId(id)) ? e with { PersonId = null } : e).ToList(),
            })
            .ToList();
        foreach (var person in shown.SelectMany(r => r.Behind.Select(e => e.PersonId)).Concat(shown.Select(r => r.PersonId)).OfType<Guid>().Distinct())
        {
            audit.Add(new PersonId(person), AuditAction.Listed, nameof(GetRepeatDemand), "Name, demand events");
        }

        return shown;
    }
}
