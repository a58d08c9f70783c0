using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Conversations;
using Locality.Domain.Conversations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.People;

/// <summary>
/// Everything on a person's page: who they are, where the conversation stands, the team around them and the latest
/// timeline entries. An id that was merged away opens the record it was merged into.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
public sealed record GetPersonPage(Guid Id) : IRequest<PersonPageDto>;

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
    uint ConversationVersion)
{
    public IEnumerable<TeamMemberDto> CurrentTeam => Team.Where(m => m.LeftAt is null);
}

internal sealed class GetPersonPageHandler(IApplicationDbContext db, TimeProvider clock, IOptions<ConversationOptions> options)
    : IRequestHandler<GetPersonPage, PersonPageDto>
{
    public async Task<PersonPageDto> Handle(GetPersonPage request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var id = await PersonLookup.ResolveAsync(db, request.Id, cancellationToken);
        var person = await PersonQueries.GetAsync(db, id, moment.Today, cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Members).SingleAsync(c => c.PersonId == id, cancellationToken);
        var team = await TeamQueries.DescribeAsync(db, conversation.Members, cancellationToken);
        var lead = team.Single(m => m.Role == MemberRole.Lead && m.LeftAt is null);
        var timeline = await TimelineQueries.PageAsync(db, id, null, TimelineQueries.PageSize, cancellationToken);
        return new PersonPageDto(
            person, conversation.Id.Value, conversation.StateAt(moment, options.Value.QuietAfter), conversation.OpenedAt,
            conversation.LastSuccessfulContactAt, conversation.AttemptsSinceContact, conversation.HandOffCount, conversation.RestingUntil,
            lead.WorkerId!.Value, lead.WorkerName ?? string.Empty, team, timeline, conversation.Version);
    }
}
