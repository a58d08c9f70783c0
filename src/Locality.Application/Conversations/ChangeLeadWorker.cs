using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Conversations;

/// <summary>Makes another worker the lead key worker. There is always exactly one; the change is recorded.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record ChangeLeadWorker(Guid PersonId, Guid? NewLeadWorkerId, string? Reason = null) : IRequest<IReadOnlyList<TimelineEntryDto>>, IChangesPerson;

internal sealed class ChangeLeadWorkerValidator : AbstractValidator<ChangeLeadWorker>
{
    public ChangeLeadWorkerValidator(IApplicationDbContext db, IIdentityService identity, ICurrentUser sender)
    {
        RuleFor(x => x.NewLeadWorkerId).AssignableLead(db, identity, sender, "Select the new lead key worker");
        RuleFor(x => x.Reason).OptionalText("the reason", Conversation.ReasonMaxLength);
    }
}

internal sealed class ChangeLeadWorkerHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ChangeLeadWorker, IReadOnlyList<TimelineEntryDto>>
{
    public async Task<IReadOnlyList<TimelineEntryDto>> Handle(ChangeLeadWorker request, CancellationToken cancellationToken)
    {
        var lead = new UserId(request.NewLeadWorkerId!.Value);
        var agency = await WorkerRules.AgencyOfAsync(db, lead, cancellationToken);
        var now = clock.GetUtcNow();
        return await ConversationChanges.ApplyAsync(db, request.PersonId, conversation =>
            conversation.ChangeLead(lead, agency, request.Reason, user.AsAuthor(), now), cancellationToken);
    }
}
