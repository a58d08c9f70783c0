using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Conversations;

/// <summary>
/// Passes the person on to another service: a deliberate, explained act. Counted across all agencies. The lead
/// normally keeps the conversation; if not, <see cref="NewLeadWorkerId"/> names who takes it.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record PassOn(
    Guid PersonId, string ToService, Guid? ToAgencyId, string Reason, bool LeadKeepsConversation = true, Guid? NewLeadWorkerId = null,
    DateTimeOffset? OccurredAt = null) : IRequest<IReadOnlyList<TimelineEntryDto>>, IChangesPerson;

internal sealed class PassOnHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<PassOn, IReadOnlyList<TimelineEntryDto>>
{
    public async Task<IReadOnlyList<TimelineEntryDto>> Handle(PassOn request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        (UserId, AgencyId)? newLead = null;
        if (!request.LeadKeepsConversation && request.NewLeadWorkerId is { } lead)
        {
            var worker = new UserId(lead);
            newLead = (worker, await WorkerRules.AgencyOfAsync(db, worker, cancellationToken));
        }

        AgencyId? toAgency = request.ToAgencyId is { } agency ? new AgencyId(agency) : null;
        return await ConversationChanges.ApplyAsync(db, request.PersonId, conversation => conversation.HandOff(
            request.ToService, toAgency, request.Reason, request.LeadKeepsConversation, newLead, request.OccurredAt ?? now, user.AsAuthor(), now), cancellationToken);
    }
}
