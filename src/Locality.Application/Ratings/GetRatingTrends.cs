using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Domain.Ratings;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Ratings;

/// <summary>
/// Across a worker's people (a key worker's own, or a member of the team lead's team), or across the whole team (a
/// team lead, no worker named): for each instrument, the average change from each person's first rating to their
/// latest, and how many are improving, stable or worsening. Only people rated at least twice have a trend.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
public sealed record GetRatingTrends(Guid? WorkerId = null) : IRequest<RatingTrendsDto>;

internal sealed class GetRatingTrendsHandler(IApplicationDbContext db, ICurrentUser user, IOptions<RatingOptions> options, IAuditTrail audit)
    : IRequestHandler<GetRatingTrends, RatingTrendsDto>
{
    public async Task<RatingTrendsDto> Handle(GetRatingTrends request, CancellationToken cancellationToken)
    {
        var me = user.RequireUserId();
        List<UserId> leads;
        string whose;
        if (request.WorkerId is null && user.IsInRole(Roles.TeamLead))
        {
            var teamId = user.TeamId ?? throw new ForbiddenException("Only a team lead with a team can see this.");
            var team = await db.Teams.AsNoTracking().SingleAsync(t => t.Id == teamId, cancellationToken);
            leads = await db.StaffMembers.AsNoTracking().Where(s => s.TeamId == team.Id).Select(s => s.Id).ToListAsync(cancellationToken);
            whose = team.Name;
        }
        else
        {
            var worker = request.WorkerId is { } asked ? new UserId(asked) : me;
            var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == worker, cancellationToken) ?? throw new NotFoundException("Worker");
            if (worker != me && !(user.IsInRole(Roles.TeamLead) && staff.TeamId == user.TeamId))
            {
                throw new ForbiddenException("You can see the people of your own team only.");
            }

            leads = [worker];
            whose = staff.DisplayName;
        }

        var people = await (
                from c in db.Conversations.AsNoTracking()
                join p in db.People on c.PersonId equals p.Id
                where leads.Contains(c.LeadWorkerId)
                select new { p.Id, KnownAs = (p.PreferredName ?? p.GivenName) + " " + p.FamilyName })
            .ToDictionaryAsync(p => p.Id, p => p.KnownAs, cancellationToken);
        var ids = people.Keys.ToList();
        var ratings = await db.Ratings.AsNoTracking().Where(r => ids.Contains(r.PersonId))
            .Select(r => new { r.PersonId, r.InstrumentId, r.RatedOn, r.RecordedAt, r.Total })
            .ToListAsync(cancellationToken);
        var instruments = await db.Instruments.AsNoTracking().ToListAsync(cancellationToken);
        var stableWithin = options.Value.StableWithinPoints;

        var groups = new List<GroupTrendDto>();
        foreach (var byInstrument in ratings.GroupBy(r => r.InstrumentId))
        {
            var instrument = instruments.Single(i => i.Id == byInstrument.Key);
            var direction = (instrument.Current ?? instrument.Versions.MaxBy(v => v.Number)!).Definition.Direction;
            var rows = byInstrument.GroupBy(r => r.PersonId).Select(person =>
            {
                var ordered = person.OrderBy(r => r.RatedOn).ThenBy(r => r.RecordedAt).ToList();
                var change = ordered[^1].Total - ordered[0].Total;
                return new PersonTrendDto(person.Key.Value, people[person.Key], ordered.Count, ordered[0].Total, ordered[^1].Total, change,
                    RatingQueries.TrendOf(change, direction, stableWithin, ordered.Count));
            }).OrderBy(p => p.KnownAs, StringComparer.CurrentCultureIgnoreCase).ToList();
            var withTrend = rows.Where(r => r.Trend != Trend.NotYet).ToList();
            groups.Add(new GroupTrendDto(
                instrument.Id.Value, instrument.Name, direction, stableWithin, rows.Count, withTrend.Count,
                withTrend.Count == 0 ? null : Math.Round(withTrend.Average(r => r.Change), 1),
                withTrend.Count(r => r.Trend == Trend.Improving), withTrend.Count(r => r.Trend == Trend.Stable), withTrend.Count(r => r.Trend == Trend.Worsening),
                rows));
            audit.Listed(rows.Select(r => new PersonId(r.PersonId)), nameof(GetRatingTrends), ListedDetails.NameAndRatings);
        }

        return new RatingTrendsDto(whose, groups.OrderByDescending(g => g.InstrumentName == ChaosIndex.Definition.Name).ThenBy(g => g.InstrumentName).ToList());
    }
}
