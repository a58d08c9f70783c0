using Locality.Application.Common.Interfaces;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
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
        return Describe(members.Select(m => new NamedMember(
            m, m.WorkerId is { } w ? workers.GetValueOrDefault(w) : null, agencies.GetValueOrDefault(m.AgencyId))));
    }

    /// <summary>The person's conversation with the team around them, names and all, in one query.</summary>
    public static Task<ConversationWithTeam> ForPersonAsync(IApplicationDbContext db, PersonId person, CancellationToken cancellationToken) =>
        db.Conversations.AsNoTracking().Where(c => c.PersonId == person)
            .Select(c => new ConversationWithTeam(c, c.Members.Select(m => new NamedMember(
                m,
                db.StaffMembers.Where(s => s.Id == m.WorkerId).Select(s => s.DisplayName).FirstOrDefault(),
                db.Agencies.Where(a => a.Id == m.AgencyId).Select(a => a.Name).FirstOrDefault())).ToList()))
            .SingleAsync(cancellationToken);

    public static IReadOnlyList<TeamMemberDto> Describe(IEnumerable<NamedMember> members) =>
        members
            .OrderBy(m => m.Member.LeftAt is not null).ThenBy(m => m.Member.Role).ThenBy(m => m.Member.JoinedAt)
            .Select(m => new TeamMemberDto(
                m.Member.Id.Value, m.Member.Role, m.Member.WorkerId?.Value, m.WorkerName,
                m.Member.AgencyId.Value, m.AgencyName ?? string.Empty, m.Member.JoinedAt, m.Member.LeftAt))
            .ToList();
}

/// <summary>A member of the team around a person, with the names of the worker and the agency.</summary>
internal sealed record NamedMember(ConversationMember Member, string? WorkerName, string? AgencyName);

/// <summary>A person's conversation (its members not loaded) and the team around them.</summary>
internal sealed record ConversationWithTeam(Conversation Conversation, List<NamedMember> Members);
