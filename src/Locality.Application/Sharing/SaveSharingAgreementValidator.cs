using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Access;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Sharing;

internal sealed class SaveSharingAgreementValidator : AbstractValidator<SaveSharingAgreement>
{
    public SaveSharingAgreementValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.AgencyId)
            .RequiredId("the partner agency")
            .MustAsync((id, ct) => db.Agencies.AnyAsync(a => a.Id == new AgencyId(id), ct)).WithMessage("Select an agency from the list");
        RuleFor(x => x.Sections).AtMostLongestList("parts of the record");
        RuleFor(x => x.Sections)
            .Must(s => s is { Count: > 0 }).WithMessage("Select at least one part of the record to share")
            .Must(s => s!.All(Enum.IsDefined)).WithMessage("Select parts of the record from the list");
        RuleFor(x => x.StartsOn).NotNull().WithMessage("Enter the date the agreement starts");
        RuleFor(x => x.EndsOn).GreaterThanOrEqualTo(x => x.StartsOn).WithMessage("The end date must be on or after the start date")
            .When(x => x.EndsOn is not null && x.StartsOn is not null);
        RuleFor(x => x.Note).OptionalText("the note", SharingAgreement.NoteMaxLength);
    }
}
