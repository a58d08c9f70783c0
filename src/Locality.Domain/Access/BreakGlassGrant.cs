using System.Linq.Expressions;
using Locality.Domain.Common;
using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Domain.Access;

/// <summary>
/// Emergency access to the record of someone a worker is not in the team around: given with a reason, for a limited
/// time, shown to the person's lead worker and team lead, and listed for review.
/// </summary>
public sealed class BreakGlassGrant : AuditableEntity
{
    public const int ReasonMaxLength = 1000;

    private BreakGlassGrant()
    {
        Reason = string.Empty;
    }

    public BreakGlassGrant(PersonId person, UserId worker, string reason, DateTimeOffset at, TimeSpan lasts)
    {
        if (lasts <= TimeSpan.Zero)
        {
            throw new BusinessRuleException("Emergency access must last for some time.");
        }

        Id = BreakGlassGrantId.New();
        PersonId = person;
        WorkerId = worker;
        Reason = Guard.Text(reason, ReasonMaxLength, "The reason");
        GrantedAt = at;
        ExpiresAt = at + lasts;
    }

    public BreakGlassGrantId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public UserId WorkerId { get; private set; }
    public string Reason { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public UserId? ReviewedBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewNote { get; private set; }

    /// <summary>Emergency access in force at a moment, as an expression so a query can ask it of the database.</summary>
    public static Expression<Func<BreakGlassGrant, bool>> InForceAt(DateTimeOffset at) => g => g.GrantedAt <= at && g.ExpiresAt > at;

    public void Review(UserId by, DateTimeOffset at, string? note)
    {
        if (ReviewedAt is not null)
        {
            throw new BusinessRuleException("This emergency access has already been reviewed.");
        }

        ReviewedBy = by;
        ReviewedAt = at;
        ReviewNote = string.IsNullOrWhiteSpace(note) ? null : Guard.Text(note, ReasonMaxLength, "The note");
    }
}
