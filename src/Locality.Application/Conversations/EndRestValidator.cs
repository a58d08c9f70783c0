using FluentValidation;
using Locality.Application.Common.Validation;
using Locality.Domain.Conversations;

namespace Locality.Application.Conversations;

internal sealed class EndRestValidator : AbstractValidator<EndRest>
{
    public EndRestValidator() => RuleFor(x => x.Reason).RequiredText("why the rest is ending early", Conversation.ReasonMaxLength);
}
