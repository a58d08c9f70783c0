using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Access;

/// <summary>
/// People with no contact for the retention period (eight years unless configured), listed for review. Nothing is
/// ever deleted automatically. An administrator sees the whole list; a team lead only the people they may open.
/// </summary>
[AllowedFor(Roles.Admin, Roles.TeamLead)]
public sealed record GetRetentionReview : IRequest<RetentionReviewDto>;

public sealed record RetentionReviewDto(int Years, DateTimeOffset NoContactSince, IReadOnlyList<RetentionCandidateDto> People);

public sealed record RetentionCandidateDto(Guid PersonId, string KnownAs, DateOnly? DateOfBirth, DateTimeOffset LastContact, string LeadWorkerName);

internal sealed class GetRetentionReviewHandler(IApplicationDbContext db, TimeProvider clock, IOptions<AccessOptions> options, ICurrentUser user, IAuditTrail audit)
    : IRequestHandler<GetRetentionReview, RetentionReviewDto>
{
    public async Task<RetentionReviewDto> Handle(GetRetentionReview request, CancellationToken cancellationToken)
    {
        var years = options.Value.RetentionReviewYears;
        var since = clock.GetUtcNow().AddYears(-years);
        var conversations = db.Conversations.AsNoTracking();
        if (!user.IsInRole(Roles.Admin))
        {
            var visible = PersonVisibility.VisibleTo(db, user, clock.GetUtcNow());
            conversations = conversations.Where(c => visible.Contains(c.PersonId));
        }

        var rows = await (
                from c in conversations
                join p in db.People on c.PersonId equals p.Id
                join s in db.StaffMembers on c.LeadWorkerId equals s.Id
                where p.MergedIntoId == null && (c.LastSuccessfulContactAt ?? c.OpenedAt) < since
                orderby c.LastSuccessfulContactAt ?? c.OpenedAt
                select new { p.Id, Name = (p.PreferredName ?? p.GivenName) + " " + p.FamilyName, p.DateOfBirth, Last = c.LastSuccessfulContactAt ?? c.OpenedAt, s.DisplayName })
            .Take(1000)
            .ToListAsync(cancellationToken);
        audit.Listed(rows.Select(r => r.Id), nameof(GetRetentionReview), ListedDetails.NameBirthDateAndLastContact);

        return new RetentionReviewDto(years, since, rows.Select(r => new RetentionCandidateDto(r.Id.Value, r.Name, r.DateOfBirth, r.Last, r.DisplayName)).ToList());
    }
}
