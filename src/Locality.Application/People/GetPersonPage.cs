using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Conversations;
using Locality.Domain.Conversations;
using Locality.Domain.People;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.People;

/// <summary>
/// Everything on a person's page: who they are, where the conversation stands, the team around them and the latest
/// timeline entries. An id that was merged away opens the record it was merged into.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
public sealed record GetPersonPage(Guid PersonId) : IRequest<PersonPageDto>, IReadsPerson
{
    /// <summary>How many of the newest timeline entries the page carries; older ones come a page at a time.</summary>
    public const int LatestEntries = Conversations.TimelineQueries.PageSize;
}

public sealed record PersonPageDto(
    PersonDto Person,
    Guid ConversationId,
    ConversationState State,
    DateTimeOffset OpenedAt,
    DateTimeOffset? LastSuccessfulContactAt,
    int AttemptsSinceContact,
    int HandOffCount,
    DateOnly? RestingUntil,
    Guid LeadWorkerId,
    string LeadWorkerName,
    IReadOnlyList<TeamMemberDto> Team,
    TimelinePage Timeline,
    uint ConversationVersion,
    bool CanSeeAccessLog,
    IReadOnlyList<EmergencyAccessDto> EmergencyAccesses,
    IReadOnlyList<LatestRatingDto> LatestRatings,
    IReadOnlyList<string> Strengths,
    IReadOnlyList<string> RepeatDemand,
    int DemandToCheck)
{
    public IEnumerable<TeamMemberDto> CurrentTeam => Team.Where(m => m.LeftAt is null);
}

/// <summary>A person's latest rating with one instrument, and how far it has moved since their first.</summary>
public sealed record LatestRatingDto(Guid InstrumentId, string InstrumentName, DateOnly RatedOn, int Total, int Ratings, int? ChangeSinceFirst);

internal sealed class GetPersonPageHandler(IApplicationDbContext db, TimeProvider clock, IOptions<ConversationOptions> options, ICurrentUser user, IOptions<Demand.RepeatDemandOptions> repeats)
    : IRequestHandler<GetPersonPage, PersonPageDto>
{
    public async Task<PersonPageDto> Handle(GetPersonPage request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();

        // The record itself answers "was it merged away?", so the common case (it was not) is one read, not two.
        var record = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == new PersonId(request.PersonId), cancellationToken)
                     ?? throw new NotFoundException("Person");
        if (record.MergedIntoId is { } mergedInto)
        {
            var current = await PersonLookup.ResolveAsync(db, mergedInto.Value, cancellationToken);
            record = await db.People.AsNoTracking().SingleAsync(p => p.Id == current, cancellationToken);
        }

        var id = record.Id;
        var person = PersonQueries.ToDto(record, moment.Today);
        var (conversation, members) = await TeamAroundPersonQueries.ForPersonAsync(db, id, cancellationToken);
        var team = TeamAroundPersonQueries.Describe(members);
        var lead = team.Single(m => m.Role == MemberRole.Lead && m.LeftAt is null);
        var timeline = await TimelineQueries.PageAsync(db, id, TimelineViewer.Staff(user), null, TimelineQueries.PageSize, cancellationToken);

        // The lead key worker and their team lead see who has looked at the record, and any emergency access to it.
        var overseesRecord = await RecordOversight.OverseesAsync(db, user, conversation, cancellationToken);
        var emergencies = overseesRecord
            ? await EmergencyAccessQueries.DescribeAsync(db, db.BreakGlassGrants.Where(g => g.PersonId == id), cancellationToken)
            : [];
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.PersonId == id)
            .Join(db.Instruments, r => r.InstrumentId, i => i.Id, (r, i) => new { r.InstrumentId, i.Name, r.RatedOn, r.RecordedAt, r.Total })
            .ToListAsync(cancellationToken);
        var latestRatings = ratings.GroupBy(r => (r.InstrumentId, r.Name)).Select(g =>
        {
            var ordered = g.OrderBy(r => r.RatedOn).ThenBy(r => r.RecordedAt).ToList();
            return new LatestRatingDto(g.Key.InstrumentId.Value, g.Key.Name, ordered[^1].RatedOn, ordered[^1].Total, ordered.Count,
                ordered.Count > 1 ? ordered[^1].Total - ordered[0].Total : null);
        }).OrderBy(r => r.InstrumentName).ToList();
        return new PersonPageDto(
            person, conversation.Id.Value, conversation.StateAt(moment, options.Value.QuietAfter), conversation.OpenedAt,
            conversation.LastSuccessfulContactAt, conversation.AttemptsSinceContact, conversation.HandOffCount, conversation.RestingUntil,
            lead.WorkerId!.Value, lead.WorkerName ?? string.Empty, team, timeline, conversation.Version, overseesRecord, emergencies, latestRatings,
            await db.Strengths.AsNoTracking().Where(s => s.PersonId == id && s.SetAsideAt == null).OrderBy(s => s.RecordedAt).Select(s => s.Text).ToListAsync(cancellationToken),
            await Demand.RepeatQueries.FlagsForAsync(db, clock, repeats.Value, id, cancellationToken),
            await db.DemandMatchOffers.CountAsync(o => o.PersonId == id && o.Decision == null, cancellationToken));
    }
}
