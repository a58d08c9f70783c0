using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Conversations;

namespace Locality.Application.People;

internal sealed class AddPersonValidator : AbstractValidator<AddPerson>
{
    public AddPersonValidator(TimeProvider clock, IApplicationDbContext db, IIdentityService identity, ICurrentUser sender)
    {
        this.AddPersonRules(clock);
        RuleFor(x => x.LeadWorkerId).AssignableLead(db, identity, sender, WorkerRules.ChooseALead).When(x => x.LeadWorkerId is not null);
    }
}
