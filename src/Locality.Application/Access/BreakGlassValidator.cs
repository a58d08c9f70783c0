using FluentValidation;
using Locality.Application.Common.Validation;
using Locality.Domain.Access;

namespace Locality.Application.Access;

internal sealed class BreakGlassValidator : AbstractValidator<BreakGlass>
{
    public BreakGlassValidator() =>
        RuleFor(x => x.Reason).RequiredText("why you need to open this record now", BreakGlassGrant.ReasonMaxLength);
}
