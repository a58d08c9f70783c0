using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Time;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Sharing;

internal static class SharingQueries
{
    public static async Task<PersonSharingDto> ForPersonAsync(
        IApplicationDbContext db, IPartnerSharing sharing, TimeProvider clock, PersonId person, CancellationToken cancellationToken)
    {
        var today = clock.Now().Today;
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Name).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var agreements = await db.SharingAgreements.AsNoTracking().ToListAsync(cancellationToken);
        var consents = await db.ConsentRecords.AsNoTracking().Where(c => c.PersonId == person)
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        var bases = await db.LawfulBases.AsNoTracking().Where(b => b.PersonId == person).OrderByDescending(b => b.StartsOn).ToListAsync(cancellationToken);
        var recorders = consents.Select(c => c.RecordedBy).OfType<UserId>().Distinct().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => recorders.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);

        var partners = new List<PartnerViewDto>();
        foreach (var agreement in agreements.OrderBy(a => agencies.GetValueOrDefault(a.AgencyId)))
        {
            var decision = await sharing.DecideAsync(person, agreement.AgencyId, cancellationToken);
            var consent = consents.FirstOrDefault(c => c.Covers(agreement.AgencyId))?.Decision;
            partners.Add(new PartnerViewDto(
                agreement.AgencyId.Value, agencies.GetValueOrDefault(agreement.AgencyId) ?? string.Empty, agreement.IsActiveOn(today), consent,
                bases.Any(b => b.AgencyId == agreement.AgencyId && b.IsActiveOn(today)), decision.Sections.Order().ToList()));
        }

        return new PersonSharingDto(
            person.Value,
            partners,
            consents.Select(c => new ConsentDto(
                c.Id.Value, c.Decision, c.AgencyIds.Length == 0 ? ["All partner agencies"] : c.AgencyIds.Select(a => agencies.GetValueOrDefault(new AgencyId(a)) ?? "Unknown").ToList(),
                c.Sections, c.Method, c.ReviewOn, c.Note, c.RecordedBy is { } by ? names.GetValueOrDefault(by) : null, c.RecordedAt)).ToList(),
            bases.Select(b => new LawfulBasisDto(
                b.Id.Value, b.AgencyId.Value, agencies.GetValueOrDefault(b.AgencyId) ?? string.Empty, b.Kind, b.Sections, b.Reason, b.DecidedBy, b.StartsOn, b.EndsOn,
                b.IsActiveOn(today), b.Version)).ToList());
    }
}
