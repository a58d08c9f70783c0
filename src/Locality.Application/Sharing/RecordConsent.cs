using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Sharing;

/// <summary>
/// Records the person's decision about sharing: given, refused or withdrawn, for the agencies and parts named (none
/// named: all), how it was given, and when to review it. The latest decision is in force from the next request on.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.IdentityAndContact)]
public sealed record RecordConsent(
    Guid PersonId, ConsentDecision? Decision, IReadOnlyList<Guid>? AgencyIds, IReadOnlyList<RecordSection>? Sections, ConsentMethod? Method,
    DateOnly? ReviewOn = null, string? Note = null) : IRequest<PersonSharingDto>, IChangesPerson;

internal sealed class RecordConsentValidator : AbstractValidator<RecordConsent>
{
    public RecordConsentValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.Decision).NotNull().WithMessage("Select what they decided").IsInEnum().WithMessage("Select what they decided");
        RuleFor(x => x.Method).NotNull().WithMessage("Select how they told you").IsInEnum().WithMessage("Select how they told you");
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

internal sealed class RecordConsentHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IPartnerSharing sharing)
    : IRequestHandler<RecordConsent, PersonSharingDto>
{
    public async Task<PersonSharingDto> Handle(RecordConsent request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        db.ConsentRecords.Add(new ConsentRecord(
            person, request.Decision!.Value, request.AgencyIds ?? [], request.Sections ?? [], request.Method!.Value, request.ReviewOn, request.Note, user.UserId, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return await SharingQueries.ForPersonAsync(db, sharing, clock, person, cancellationToken);
    }
}
