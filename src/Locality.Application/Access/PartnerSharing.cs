using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Time;
using Locality.Domain.Access;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Access;

/// <summary>
/// A partner agency sees a person when its sharing agreement is in force today and either the person's latest consent
/// decision covering the agency is "given", or a lawful basis for sharing with it is in force. It sees the parts its
/// agreement shares that the consent (or basis) also covers; it may add to the record if the agreement allows.
/// </summary>
internal sealed class PartnerSharing(IApplicationDbContext db, TimeProvider clock) : IPartnerSharing
{
    public async Task<AccessDecision> DecideAsync(PersonId person, AgencyId agency, CancellationToken cancellationToken)
    {
        var today = clock.Now().Today;
        var agreement = await db.SharingAgreements.AsNoTracking().SingleOrDefaultAsync(a => a.AgencyId == agency, cancellationToken);
        if (agreement is null || !agreement.IsActiveOn(today))
        {
            return AccessDecision.Refused;
        }

        var consent = await LatestConsent(db, person, agency.Value).FirstOrDefaultAsync(cancellationToken);
        var bases = await db.LawfulBases.AsNoTracking()
            .Where(b => b.PersonId == person && b.AgencyId == agency && b.StartsOn <= today && (b.EndsOn == null || b.EndsOn >= today))
            .ToListAsync(cancellationToken);

        var covered = new HashSet<RecordSection>();
        if (consent?.Decision == ConsentDecision.Given)
        {
            covered.UnionWith(consent.Sections.Length == 0 ? AccessDecision.Everything : consent.Sections);
        }

        foreach (var basis in bases)
        {
            covered.UnionWith(basis.Sections.Length == 0 ? AccessDecision.Everything : basis.Sections);
        }

        covered.IntersectWith(agreement.Sections);
        if (covered.Count == 0)
        {
            return AccessDecision.Refused;
        }

        var reason = consent?.Decision == ConsentDecision.Given ? null : $"Lawful basis: {string.Join(", ", bases.Select(b => b.Kind))}";
        return new AccessDecision(AccessBasis.Sharing, covered, reason, agreement.MayContribute);
    }

    /// <summary>The person's consent decisions that cover the agency, latest first: the first is the one in force.</summary>
    public static IQueryable<ConsentRecord> LatestConsent(IApplicationDbContext db, PersonId person, Guid agency) =>
        db.ConsentRecords.AsNoTracking()
            .Where(c => c.PersonId == person && (c.AgencyIds.Length == 0 || c.AgencyIds.Contains(agency)))
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id);
}
