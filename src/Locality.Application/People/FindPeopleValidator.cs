using FluentValidation;
using Locality.Domain.People;

namespace Locality.Application.People;

internal sealed class FindPeopleValidator : AbstractValidator<FindPeople>
{
    public FindPeopleValidator()
    {
        RuleFor(x => x.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n))
            .WithMessage("Enter a name, an NHS number, a date of birth or a postcode")
            .When(x => string.IsNullOrWhiteSpace(x.NhsNumber) && x.DateOfBirth is null && string.IsNullOrWhiteSpace(x.Postcode));
        RuleFor(x => x.Name)
            .Must(n => n!.Trim().Length is >= 2 and <= 200).WithMessage("Enter at least 2 letters of the name, and no more than 200")
            .When(x => !string.IsNullOrWhiteSpace(x.Name));
        RuleFor(x => x.NhsNumber)
            .Must(n => NhsNumber.TryParse(n, out _)).WithMessage(PersonFieldRules.NotAnNhsNumber)
            .When(x => !string.IsNullOrWhiteSpace(x.NhsNumber));
        RuleFor(x => x.Postcode)
            .Must(p => Postcode.TryParse(p, out _)).WithMessage("Enter a full UK postcode, like WN1 1XX")
            .When(x => !string.IsNullOrWhiteSpace(x.Postcode));
    }
}
