using FluentValidation;

namespace Locality.Application.Conversations;

internal sealed class AddNoteValidator : AbstractValidator<AddNote>
{
    public AddNoteValidator(TimeProvider clock)
    {
        RuleFor(x => x.Text).EntryText("the note", required: true);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}
