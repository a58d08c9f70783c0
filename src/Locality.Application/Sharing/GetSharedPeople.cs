using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Domain.Access;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Sharing;

/// <summary>
/// The people whose records are shared with the partner's agency today (by its agreement and their consent, or a
/// lawful basis) and whose identity it may see. No one else appears, not even in a count.
/// </summary>
[AllowedFor(Roles.PartnerViewer, Roles.PartnerSystem)]
public sealed record GetSharedPeople(string? Name = null) : IRequest<IReadOnlyList<SharedPersonSummaryDto>>;

internal sealed class GetSharedPeopleHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IAuditTrail audit)
    : IRequestHandler<GetSharedPeople, IReadOnlyList<SharedPersonSummaryDto>>
{
    public async Task<IReadOnlyList<SharedPersonSummaryDto>> Handle(GetSharedPeople request, CancellationToken cancellationToken)
    {
        if (user.AgencyId is not { } agency)
        {
            return [];
        }

        var today = clock.Now().Today;
        var agreement = await db.SharingAgreements.AsNoTracking().SingleOrDefaultAsync(a => a.AgencyId == agency, cancellationToken);
        if (agreement is null || !agreement.IsActiveOn(today) || !agreement.Sections.Contains(RecordSection.IdentityAndContact))
        {
            return [];
        }

        var agencyGuid = agency.Value;
        var identity = RecordSection.IdentityAndContact;
        var people = db.People.AsNoTracking().Where(p => p.MergedIntoId == null
            && (db.ConsentRecords
                    .Where(c => c.PersonId == p.Id && (c.AgencyIds.Length == 0 || c.AgencyIds.Contains(agencyGuid)))
                    .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
                    .Select(c => c.Decision == ConsentDecision.Given && (c.Sections.Length == 0 || c.Sections.Contains(identity)))
                    .FirstOrDefault()
                || db.LawfulBases.Any(b => b.PersonId == p.Id && b.AgencyId == agency && b.StartsOn <= today && (b.EndsOn == null || b.EndsOn >= today)
                                           && (b.Sections.Length == 0 || b.Sections.Contains(identity)))));
        if (!string.IsNullOrWhiteSpace(request.Name))
        {
            var name = request.Name.Trim().ToLower();
            people = people.Where(p => (p.GivenName + " " + p.FamilyName).ToLower().Contains(name)
                                       || ((p.PreferredName ?? p.GivenName) + " " + p.FamilyName).ToLower().Contains(name));
        }

        var rows = await people.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName)
            .Select(p => new { p.Id, KnownAs = (p.PreferredName ?? p.GivenName) + " " + p.FamilyName, p.DateOfBirth, p.Postcode })
            .Take(500)
            .ToListAsync(cancellationToken);
        audit.Listed(rows.Select(r => r.Id), nameof(GetSharedPeople), ListedDetails.NameBirthDateAndPostcode);

        return rows.Select(r => new SharedPersonSummaryDto(r.Id.Value, r.KnownAs, r.DateOfBirth, r.Postcode)).ToList();
    }
}
