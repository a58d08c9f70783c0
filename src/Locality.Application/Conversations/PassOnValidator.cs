using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Conversations;

internal sealed class PassOnValidator : AbstractValidator<PassOn>
{
    public PassOnValidator(IApplicationDbContext db, TimeProvider clock, IIdentityService identity, ICurrentUser sender)
    {
        RuleFor(x => x.ToService).RequiredText("who they are being passed on to", TimelineEntry.ShortTextMaxLength);
        RuleFor(x => x.Reason).RequiredText("why they are being passed on", Conversation.ReasonMaxLength);
        RuleFor(x => x.ToAgencyId)
            .MustAsync((id, ct) => db.Agencies.AnyAsync(a => a.Id == new AgencyId(id!.Value), ct)).WithMessage("Select an agency from the list")
            .When(x => x.ToAgencyId is not null);
        RuleFor(x => x.NewLeadWorkerId).AssignableLead(db, identity, sender, "Select who will be the lead key worker now").When(x => !x.LeadKeepsConversation);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}
