using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Conversations;
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

internal sealed class PassOnValidator : AbstractValidator<PassOn>
{
    public PassOnValidator(IApplicationDbContext db, TimeProvider clock, IIdentityService identity, ICurrentUser sender)
    {
        RuleFor(x => x.ToService).RequiredText("who they are being passed on to", TimelineEntry.ShortTextMaxLength);
        RuleFor(x => x.Reason).RequiredText("why they are being passed on", Conversation.ReasonMaxLength);
        RuleFor(x => x.ToAgencyId)
            .ExistingAgency(db)
            .When(x => x.ToAgencyId is not null);
        RuleFor(x => x.NewLeadWorkerId).AssignableLead(db, identity, sender, "Select who will be the lead key worker now").When(x => !x.LeadKeepsConversation);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}

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
