using FluentValidation;

namespace Locality.Application.People;

internal sealed class AddPersonValidator : AbstractValidator<AddPerson>
{
    public AddPersonValidator(TimeProvider clock) => this.AddPersonRules(clock);
}
