using FluentValidation;

namespace Locality.Application.Organisations.Users;

internal sealed class ResetUserPasswordValidator : AbstractValidator<ResetUserPassword>
{
    public ResetUserPasswordValidator() =>
        RuleFor(x => x.NewPassword).NotEmpty().WithMessage("Enter a new password");
}
