using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Access;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Conversations;

/// <summary>
/// Who is reading a timeline, and so which entries they may see: restricted entries only by their author and the roles
/// and people named on them; partners never see restricted entries, and see health- or police-related entries only
/// when their sharing covers those parts.
/// </summary>
internal sealed record TimelineViewer(UserId? UserId, IReadOnlyCollection<string> Roles, bool IsPartner, IReadOnlySet<RecordSection> Sections)
{
    public static TimelineViewer Staff(ICurrentUser user) => new(user.UserId, user.Roles, false, AccessDecision.Everything);

    public static TimelineViewer Partner(ICurrentUser user, AccessDecision decision) => new(user.UserId, user.Roles, true, decision.Sections);

    /// <summary>
    /// The one entry, if this viewer may see it; otherwise "not found", exactly as for an entry that does not exist,
    /// so correcting or restricting an entry cannot reveal one that is restricted from the sender.
    /// </summary>
    public async Task<TimelineEntry> RequireVisibleAsync(IApplicationDbContext db, PersonId person, TimelineEntryId entry, CancellationToken cancellationToken)
    {
        var visible = await FilterAsync(db, db.TimelineEntries.AsNoTracking().Where(e => e.Id == entry && e.PersonId == person), person, cancellationToken);
        return await visible.SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Entry");
    }

    /// <summary>The entries this viewer may see, out of a person's timeline.</summary>
    public async Task<IQueryable<TimelineEntry>> FilterAsync(IApplicationDbContext db, IQueryable<TimelineEntry> entries, PersonId person, CancellationToken cancellationToken)
    {
        var restrictions = await db.EntryRestrictions.AsNoTracking()
            .Where(r => r.PersonId == person && r.LiftedAt == null)
            .Select(r => new { r.EntryId, r.Roles, r.UserIds, Author = db.TimelineEntries.Where(e => e.Id == r.EntryId).Select(e => e.AuthorId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var hidden = restrictions
            .Where(r => IsPartner || !(r.Author == UserId || (UserId is { } me && r.UserIds.Contains(me.Value)) || r.Roles.Any(Roles.Contains)))
            .Select(r => r.EntryId)
            .ToList();
        var visible = entries.Where(e => !hidden.Contains(e.Id));

        var hiddenKinds = new List<AgencyKind>();
        if (!Sections.Contains(RecordSection.HealthEntries))
        {
            hiddenKinds.Add(AgencyKind.Health);
        }

        if (!Sections.Contains(RecordSection.PoliceEntries))
        {
            hiddenKinds.Add(AgencyKind.Police);
        }

        if (hiddenKinds.Count > 0)
        {
            visible = visible.Where(e => !db.Agencies.Any(a => hiddenKinds.Contains(a.Kind)
                && (a.Id == e.AuthorAgencyId || (e.Kind == EntryKind.PartnerContribution && a.Id == e.OtherAgencyId))));
        }

        if (!Sections.Contains(RecordSection.StrengthsAndPlan))
        {
            visible = visible.Where(e => e.Kind != EntryKind.PlanChanged && e.Kind != EntryKind.StrengthRecorded);
        }

        if (!Sections.Contains(RecordSection.DemandEvents))
        {
            visible = visible.Where(e => e.Kind != EntryKind.DemandRecorded);
        }

        if (!Sections.Contains(RecordSection.ChaosIndexRatings))
        {
            visible = visible.Where(e => e.Kind != EntryKind.Rated);
        }

        return visible;
    }
}
