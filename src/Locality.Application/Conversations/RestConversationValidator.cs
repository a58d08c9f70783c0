using FluentValidation;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Domain.Conversations;

namespace Locality.Application.Conversations;

internal sealed class RestConversationValidator : AbstractValidator<RestConversation>
{
    public RestConversationValidator(TimeProvider clock)
    {
        RuleFor(x => x.CheckBackOn)
            .NotNull().WithMessage("Enter the date to check back with them")
            .Must(d => d > clock.Now().Today).WithMessage("The check-back date must be in the future")
            .Must(d => d <= clock.Now().Today.AddYears(1)).WithMessage("The check-back date must be within a year");
        RuleFor(x => x.Reason).RequiredText("why they asked for space, in their words if you can", Conversation.ReasonMaxLength);
    }
}
