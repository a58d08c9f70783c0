using FluentValidation;
using Locality.Application.Common.Validation;
using Locality.Domain.Conversations;

namespace Locality.Application.Conversations;

internal sealed class RecordConversationValidator : AbstractValidator<RecordConversation>
{
    public RecordConversationValidator(TimeProvider clock)
    {
        RuleFor(x => x.Method).IsInEnum().WithMessage("Select how you talked");
        RuleFor(x => x.Text).EntryText("what you talked about", required: true);
        RuleFor(x => x.Location).OptionalText("where it happened", TimelineEntry.ShortTextMaxLength);
        RuleFor(x => x.WhoWasThere).OptionalText("who was there", TimelineEntry.ShortTextMaxLength);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}
