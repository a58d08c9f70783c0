using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Domain.Access;
using MediatR;

namespace Locality.Application.Sharing;

/// <summary>
/// Records the person's decision about sharing: given, refused or withdrawn, for the agencies and parts named (none
/// named: all), how it was given, and when to review it. The latest decision is in force from the next request on.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.IdentityAndContact)]
public sealed record RecordConsent(
    Guid PersonId, ConsentDecision Decision, IReadOnlyList<Guid>? AgencyIds, IReadOnlyList<RecordSection>? Sections, ConsentMethod Method,
    DateOnly? ReviewOn = null, string? Note = null) : IRequest<PersonSharingDto>, IChangesPerson;

internal sealed class RecordConsentHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IPartnerSharing sharing)
    : IRequestHandler<RecordConsent, PersonSharingDto>
{
    public async Task<PersonSharingDto> Handle(RecordConsent request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        db.ConsentRecords.Add(new ConsentRecord(
            person, request.Decision, request.AgencyIds ?? [], request.Sections ?? [], request.Method, request.ReviewOn, request.Note, user.UserId, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return await SharingQueries.ForPersonAsync(db, sharing, clock, person, cancellationToken);
    }
}
