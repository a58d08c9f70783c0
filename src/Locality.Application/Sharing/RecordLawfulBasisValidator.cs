using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Access;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Sharing;

internal sealed class RecordLawfulBasisValidator : AbstractValidator<RecordLawfulBasis>
{
    public RecordLawfulBasisValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.AgencyId)
            .RequiredId("the agency it allows sharing with")
            .MustAsync((id, ct) => db.Agencies.AnyAsync(a => a.Id == new AgencyId(id), ct)).WithMessage("Select an agency from the list");
        RuleFor(x => x.Kind).IsInEnum().WithMessage("Select the lawful basis");
        RuleFor(x => x.Sections).AtMostLongestList("parts of the record");
        RuleForEach(x => x.Sections).IsInEnum().WithMessage("Select parts of the record from the list");
        RuleFor(x => x.Reason).RequiredText("why it is needed without their consent", LawfulBasis.ReasonMaxLength);
        RuleFor(x => x.DecidedBy).RequiredText("who decided", LawfulBasis.DecidedByMaxLength);
        RuleFor(x => x.EndsOn).GreaterThanOrEqualTo(x => x.StartsOn).WithMessage("The end date must be on or after the start date")
            .When(x => x.EndsOn is not null && x.StartsOn is not null);
    }
}
