using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Conversations;
using MediatR;

namespace Locality.Application.Conversations;

/// <summary>Records that a worker or agency has left the team around the person. Their time in it stays on record.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record RemoveTeamMember(Guid PersonId, Guid MemberId) : IRequest<IReadOnlyList<TimelineEntryDto>>, IChangesPerson;

internal sealed class RemoveTeamMemberHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<RemoveTeamMember, IReadOnlyList<TimelineEntryDto>>
{
    public Task<IReadOnlyList<TimelineEntryDto>> Handle(RemoveTeamMember request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return ConversationChanges.ApplyAsync(db, request.PersonId, conversation =>
            [conversation.Leave(new MemberId(request.MemberId), user.AsAuthor(), now)], cancellationToken);
    }
}
