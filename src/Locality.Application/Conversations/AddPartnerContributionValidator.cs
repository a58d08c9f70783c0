using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Conversations;

internal sealed class AddPartnerContributionValidator : AbstractValidator<AddPartnerContribution>
{
    public AddPartnerContributionValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.FromAgencyId)
            .RequiredId("the agency it came from")
            .MustAsync((id, ct) => db.Agencies.AnyAsync(a => a.Id == new AgencyId(id), ct)).WithMessage("Select an agency from the list");
        RuleFor(x => x.Text).EntryText("what the partner said", required: true);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}
