using Locality.Domain.Common;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;

namespace Locality.Domain.Access;

/// <summary>
/// What the locality's service shares with one partner agency: which parts of a person's record it may see, whether
/// it may add to the record, and from when until when. Every change makes a new numbered version; the old ones stay.
/// Sharing still needs each person's consent, or a recorded lawful basis.
/// </summary>
public sealed class SharingAgreement : AuditableEntity
{
    public const int NoteMaxLength = 1000;
    private readonly List<SharingAgreementVersion> versions = [];

    private SharingAgreement()
    {
        Sections = [];
    }

    public SharingAgreement(AgencyId agency, IEnumerable<RecordSection> sections, bool mayContribute, DateOnly startsOn, DateOnly? endsOn, string? note, Author by, DateTimeOffset at)
    {
        Id = SharingAgreementId.New();
        AgencyId = agency;
        Sections = [];
        Apply(sections, mayContribute, startsOn, endsOn, note, by, at);
    }

    public SharingAgreementId Id { get; private set; }
    public AgencyId AgencyId { get; private set; }
    public RecordSection[] Sections { get; private set; }
    public bool MayContribute { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }

    /// <summary>The number of the version in force: 1 when made, one more with each change.</summary>
    public int Number { get; private set; }

    public IReadOnlyList<SharingAgreementVersion> Versions => versions;

    public bool IsActiveOn(DateOnly day) => day >= StartsOn && (EndsOn is null || day <= EndsOn);

    public void Change(IEnumerable<RecordSection> sections, bool mayContribute, DateOnly startsOn, DateOnly? endsOn, string? note, Author by, DateTimeOffset at) =>
        Apply(sections, mayContribute, startsOn, endsOn, note, by, at);

    private void Apply(IEnumerable<RecordSection> sections, bool mayContribute, DateOnly startsOn, DateOnly? endsOn, string? note, Author by, DateTimeOffset at)
    {
        var chosen = sections.Distinct().Order().ToArray();
        if (chosen.Length == 0)
        {
            throw new BusinessRuleException("An agreement must share at least one part of the record.");
        }

        if (endsOn is { } end && end < startsOn)
        {
            throw new BusinessRuleException("An agreement cannot end before it starts.");
        }

        Sections = chosen;
        MayContribute = mayContribute;
        StartsOn = startsOn;
        EndsOn = endsOn;
        Number++;
        versions.Add(new SharingAgreementVersion(Id, Number, chosen, mayContribute, startsOn, endsOn,
            string.IsNullOrWhiteSpace(note) ? null : Guard.Text(note, NoteMaxLength, "The note"), by.UserId, at));
    }
}

/// <summary>One version of a sharing agreement, as it stood from when it was made.</summary>
public sealed class SharingAgreementVersion : IAppendOnly
{
    private SharingAgreementVersion()
    {
        Sections = [];
    }

    internal SharingAgreementVersion(
        SharingAgreementId agreementId, int number, RecordSection[] sections, bool mayContribute, DateOnly startsOn, DateOnly? endsOn, string? note, UserId? by, DateTimeOffset at)
    {
        Id = SharingAgreementVersionId.New();
        AgreementId = agreementId;
        Number = number;
        Sections = sections;
        MayContribute = mayContribute;
        StartsOn = startsOn;
        EndsOn = endsOn;
        Note = note;
        MadeBy = by;
        MadeAt = at;
    }

    public SharingAgreementVersionId Id { get; private set; }
    public SharingAgreementId AgreementId { get; private set; }
    public int Number { get; private set; }
    public RecordSection[] Sections { get; private set; }
    public bool MayContribute { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public string? Note { get; private set; }
    public UserId? MadeBy { get; private set; }
    public DateTimeOffset MadeAt { get; private set; }
}
