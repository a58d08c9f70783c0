using FluentValidation;
using Locality.Application.Common.Validation;
using Locality.Domain.Conversations;

namespace Locality.Application.Conversations;

internal sealed class AmendEntryValidator : AbstractValidator<AmendEntry>
{
    public AmendEntryValidator()
    {
        RuleFor(x => x.Reason).RequiredText("why it needs correcting", TimelineAmendment.ReasonMaxLength);
        RuleFor(x => x.CorrectedText).EntryText("the corrected entry", required: true);
        RuleFor(x => x.AmendmentsSeen).GreaterThanOrEqualTo(0).WithMessage("The number of corrections seen cannot be negative");
    }
}
