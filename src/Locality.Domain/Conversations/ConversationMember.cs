using System.Linq.Expressions;
using Locality.Domain.Common;
using Locality.Domain.Organisations;

namespace Locality.Domain.Conversations;

/// <summary>
/// One of the team around the person: the lead key worker (one at a time), another worker, or an agency. Joining and
/// leaving are kept, so the team's history can be read back.
/// </summary>
public sealed class ConversationMember
{
    private ConversationMember()
    {
    }

    internal ConversationMember(ConversationId conversation, MemberRole role, UserId? worker, AgencyId agency, DateTimeOffset at, UserId? by)
    {
        if (role is MemberRole.Lead or MemberRole.Worker && worker is null)
        {
            throw new BusinessRuleException("A lead or worker member must be a worker.");
        }

        Id = MemberId.New();
        ConversationId = conversation;
        Role = role;
        WorkerId = worker;
        AgencyId = agency;
        JoinedAt = at;
        JoinedBy = by;
    }

    public MemberId Id { get; private set; }
    public ConversationId ConversationId { get; private set; }
    public MemberRole Role { get; private set; }
    public UserId? WorkerId { get; private set; }
    public AgencyId AgencyId { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }
    public UserId? JoinedBy { get; private set; }
    public DateTimeOffset? LeftAt { get; private set; }
    public UserId? LeftBy { get; private set; }

    public bool IsCurrent => LeftAt is null;

    /// <summary>The worker is in the team now, as an expression so a query can ask it of the database.</summary>
    public static Expression<Func<ConversationMember, bool>> CurrentFor(UserId worker) => m => m.LeftAt == null && m.WorkerId == worker;

    internal void Leave(DateTimeOffset at, UserId? by)
    {
        if (!IsCurrent)
        {
            throw new BusinessRuleException("They have already left the team around this person.");
        }

        LeftAt = at;
        LeftBy = by;
    }
}
