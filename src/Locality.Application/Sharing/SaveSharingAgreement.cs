using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Access;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Sharing;

/// <summary>
/// Makes an agency's sharing agreement, or changes it. Each save is a new numbered version; earlier versions stay.
/// <see cref="Version"/> is the version the administrator last saw (0 when making one), so two admins cannot overwrite each other.
/// </summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record SaveSharingAgreement(
    Guid AgencyId, IReadOnlyList<RecordSection>? Sections, bool MayContribute, DateOnly? StartsOn, DateOnly? EndsOn, string? Note, uint Version)
    : IRequest<SharingAgreementDto>;

internal sealed class SaveSharingAgreementValidator : AbstractValidator<SaveSharingAgreement>
{
    public SaveSharingAgreementValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.AgencyId)
            .RequiredId("the partner agency")
            .ExistingAgency(db);
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

internal sealed class SaveSharingAgreementHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<SaveSharingAgreement, SharingAgreementDto>
{
    public async Task<SharingAgreementDto> Handle(SaveSharingAgreement request, CancellationToken cancellationToken)
    {
        var agency = new AgencyId(request.AgencyId);
        var agreement = await db.SharingAgreements.Include(a => a.Versions).SingleOrDefaultAsync(a => a.AgencyId == agency, cancellationToken);
        var author = new Domain.Conversations.Author(user.UserId, user.AgencyId);
        if (agreement is null)
        {
            if (request.Version != 0)
            {
                throw Common.Exceptions.ConflictException.StaleVersion();
            }

            db.SharingAgreements.Add(new SharingAgreement(agency, request.Sections!, request.MayContribute, request.StartsOn!.Value, request.EndsOn, request.Note, author, clock.GetUtcNow()));
        }
        else
        {
            db.ExpectVersion(agreement, request.Version);
            agreement.Change(request.Sections!, request.MayContribute, request.StartsOn!.Value, request.EndsOn, request.Note, author, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        return await new GetSharingAgreementsHandler(db, clock).Handle(new GetSharingAgreement(request.AgencyId), cancellationToken);
    }
}
