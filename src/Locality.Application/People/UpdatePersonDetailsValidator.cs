using FluentValidation;

namespace Locality.Application.People;

internal sealed class UpdatePersonDetailsValidator : AbstractValidator<UpdatePersonDetails>
{
    public UpdatePersonDetailsValidator(TimeProvider clock) => this.AddPersonRules(clock);
}
