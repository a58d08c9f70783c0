using FluentValidation;

namespace Locality.Application.Conversations;

internal sealed class RecordContactAttemptValidator : AbstractValidator<RecordContactAttempt>
{
    public RecordContactAttemptValidator(TimeProvider clock)
    {
        RuleFor(x => x.Method).IsInEnum().WithMessage("Select how you tried to reach them");
        RuleFor(x => x.Outcome).IsInEnum().WithMessage("Select what happened");
        RuleFor(x => x.Text).EntryText("notes", required: false);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}
