using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Domain.Access;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Sharing;

internal sealed class RecordConsentValidator : AbstractValidator<RecordConsent>
{
    public RecordConsentValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.Decision).IsInEnum().WithMessage("Select what they decided");
        RuleFor(x => x.Method).IsInEnum().WithMessage("Select how they told you");
        RuleFor(x => x.AgencyIds).AtMostLongestList("agencies");
        RuleFor(x => x.Sections).AtMostLongestList("parts of the record");
        RuleFor(x => x.AgencyIds)
            .MustAsync(async (ids, ct) =>
            {
                var wanted = (ids ?? []).Distinct().Select(i => new AgencyId(i)).ToList();
                return wanted.Count == 0 || await db.Agencies.CountAsync(a => wanted.Contains(a.Id), ct) == wanted.Count;
            })
            .WithMessage("Select agencies from the list");
        RuleForEach(x => x.Sections).IsInEnum().WithMessage("Select parts of the record from the list");
        RuleFor(x => x.ReviewOn)
            .Must(d => d > clock.Now().Today).WithMessage("The review date must be in the future")
            .When(x => x.ReviewOn is not null);
        RuleFor(x => x.Note).OptionalText("the note", ConsentRecord.NoteMaxLength);
    }
}
