using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Conversations;

namespace Locality.Application.Conversations;

internal sealed class ChangeLeadWorkerValidator : AbstractValidator<ChangeLeadWorker>
{
    public ChangeLeadWorkerValidator(IApplicationDbContext db, IIdentityService identity, ICurrentUser sender)
    {
        RuleFor(x => x.NewLeadWorkerId).AssignableLead(db, identity, sender, "Select the new lead key worker");
        RuleFor(x => x.Reason).OptionalText("the reason", Conversation.ReasonMaxLength);
    }
}
