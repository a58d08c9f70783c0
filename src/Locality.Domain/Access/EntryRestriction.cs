using Locality.Domain.Common;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Domain.Access;

/// <summary>
/// Keeps a timeline entry (a domestic-abuse survivor's new address, say) from everyone but named roles and people,
/// and its author. Invisible to everyone else: on the timeline, to partners, in exports. It can be lifted, not erased.
/// </summary>
public sealed class EntryRestriction : AuditableEntity
{
    public const int ReasonMaxLength = 1000;

    private EntryRestriction()
    {
        Roles = [];
        UserIds = [];
        Reason = string.Empty;
    }

    public EntryRestriction(TimelineEntryId entry, PersonId person, IEnumerable<string> roles, IEnumerable<Guid> users, string reason)
    {
        EntryId = entry;
        PersonId = person;
        Roles = roles.Distinct().ToArray();
        UserIds = users.Distinct().ToArray();
        Reason = Guard.Text(reason, ReasonMaxLength, "The reason");
    }

    public TimelineEntryId EntryId { get; private set; }
    public PersonId PersonId { get; private set; }
    public string[] Roles { get; private set; }
    public Guid[] UserIds { get; private set; }
    public string Reason { get; private set; }
    public DateTimeOffset? LiftedAt { get; private set; }
    public UserId? LiftedBy { get; private set; }

    public bool IsInForce => LiftedAt is null;

    public void Change(IEnumerable<string> roles, IEnumerable<Guid> users, string reason)
    {
        Roles = roles.Distinct().ToArray();
        UserIds = users.Distinct().ToArray();
        Reason = Guard.Text(reason, ReasonMaxLength, "The reason");
        LiftedAt = null;
        LiftedBy = null;
    }

    public void Lift(UserId? by, DateTimeOffset at)
    {
        if (!IsInForce)
        {
            throw new BusinessRuleException("This entry is not restricted.");
        }

        LiftedAt = at;
        LiftedBy = by;
    }
}
