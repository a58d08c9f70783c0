using Locality.Application.Common.Interfaces;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Conversations;

/// <summary>The team around a person: who is in their conversation (workers and agencies), current members first.</summary>
internal static class TeamAroundPersonQueries
{
    public static async Task<IReadOnlyList<TeamMemberDto>> DescribeAsync(IApplicationDbContext db, IReadOnlyList<ConversationMember> members, CancellationToken cancellationToken)
    {
        var workerIds = members.Select(m => m.WorkerId).OfType<UserId>().Distinct().ToList();
        var agencyIds = members.Select(m => m.AgencyId).Distinct().ToList();
        var workers = await db.StaffMembers.AsNoTracking().Where(s => workerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return members
            .OrderBy(m => m.LeftAt is not null).ThenBy(m => m.Role).ThenBy(m => m.JoinedAt)
            .Select(m => new TeamMemberDto(
                m.Id.Value, m.Role, m.WorkerId?.Value, m.WorkerId is { } w ? workers.GetValueOrDefault(w) : null,
                m.AgencyId.Value, agencies.GetValueOrDefault(m.AgencyId) ?? string.Empty, m.JoinedAt, m.LeftAt))
            .ToList();
    }
}
