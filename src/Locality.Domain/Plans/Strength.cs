using Locality.Domain.Common;
using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Domain.Plans;

public enum StrengthKind
{
    Skill = 1,
    Interest = 2,
    Relationship = 3,
    CommunityConnection = 4,
    PersonalQuality = 5,
}

/// <summary>
/// Something the person is good at, cares about, or has: in their own words, with who noticed it. Strengths come
/// first on the person's page. One that is no longer true is set aside, never deleted.
/// </summary>
public sealed class Strength : AuditableEntity
{
    public const int TextMaxLength = 1000;
    public const int NoticedByMaxLength = 200;

    private Strength()
    {
        Text = string.Empty;
        NoticedBy = string.Empty;
    }

    public Strength(PersonId person, StrengthKind kind, string text, string noticedBy, UserId? recordedBy, DateTimeOffset at)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new BusinessRuleException("Choose what kind of strength it is.");
        }

        Id = StrengthId.New();
        PersonId = person;
        Kind = kind;
        Text = Guard.Text(text, TextMaxLength, "The strength");
        NoticedBy = Guard.Text(noticedBy, NoticedByMaxLength, "Who noticed it");
        RecordedBy = recordedBy;
        RecordedAt = at;
    }

    public StrengthId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public StrengthKind Kind { get; private set; }
    public string Text { get; private set; }
    public string NoticedBy { get; private set; }
    public UserId? RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset? SetAsideAt { get; private set; }

    public void SetAside(DateTimeOffset at) => SetAsideAt ??= at;
}
