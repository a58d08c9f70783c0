using FluentValidation;
using Locality.Application.Conversations;

namespace Locality.Application.Sharing;

internal sealed class AddSharedContributionValidator : AbstractValidator<AddSharedContribution>
{
    public AddSharedContributionValidator(TimeProvider clock)
    {
        RuleFor(x => x.Text).EntryText("what your agency wants the team to know", required: true);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}
