using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Community;
using Locality.Domain.Conversations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

/// <summary>Records whether they went, and whether they are still going.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record RecordConnection(Guid PersonId, Guid ConnectionId, bool? Went, bool? StillGoing, uint Version) : IRequest<PlanDto>, IChangesPerson;

internal sealed class RecordConnectionHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RecordConnection, PlanDto>
{
    public async Task<PlanDto> Handle(RecordConnection request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, request.PersonId, cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == new ConnectionId(request.ConnectionId) && c.PersonId == conversation.PersonId, cancellationToken)
                         ?? throw new NotFoundException("Connection");
        db.ExpectVersion(connection, request.Version);
        connection.Record(request.Went, request.StillGoing, moment.Today);
        var group = await db.CommunityGroups.AsNoTracking().Where(g => g.Id == connection.GroupId).Select(g => g.Name).SingleAsync(cancellationToken);
        var how = (request.Went, request.StillGoing) switch
        {
            (true, true) => "went, and is still going",
            (true, false) => "went, and has stopped going",
            (true, null) => "went",
            (false, _) => "has not been",
            _ => "not known yet",
        };
        db.TimelineEntries.Add(conversation.RecordPlanChange(EntryKind.PlanChanged, $"{group}: {how}", user.AsAuthor(), moment.Now));
        await db.SaveChangesAsync(cancellationToken);
        return await PlanQueries.ForPersonAsync(db, conversation.PersonId, moment.Today, null, cancellationToken);
    }
}
