using FluentValidation;
using Locality.Application.Common.Validation;
using Locality.Domain.People;

namespace Locality.Application.People;

internal sealed class MergePeopleValidator : AbstractValidator<MergePeople>
{
    public MergePeopleValidator()
    {
        RuleFor(x => x.SurvivorId).RequiredId("the record to keep");
        RuleFor(x => x.MergedId)
            .RequiredId("the record to merge into it")
            .NotEqual(x => x.SurvivorId).WithMessage("A record cannot be merged into itself: choose a different record");
        RuleFor(x => x.Reason).RequiredText("why these are the same person", PersonMerge.ReasonMaxLength);
    }
}
