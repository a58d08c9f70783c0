using Locality.Domain.Common;
using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Domain.Access;

public enum ConsentDecision
{
    Given = 1,
    Refused = 2,
    Withdrawn = 3,
}

public enum ConsentMethod
{
    Verbal = 1,
    Written = 2,
    Other = 3,
}

/// <summary>
/// A person's decision about sharing their record: given, refused or withdrawn, for some partner agencies (or all)
/// and some parts (or all), recorded with how and by whom, and when to review it. Decisions are only ever added; the
/// latest that covers an agency is the one in force, so a withdrawal takes effect at once.
/// </summary>
public sealed class ConsentRecord : IAppendOnly
{
    public const int NoteMaxLength = 1000;

    private ConsentRecord()
    {
        AgencyIds = [];
        Sections = [];
    }

    public ConsentRecord(
        PersonId person, ConsentDecision decision, IEnumerable<Guid> agencies, IEnumerable<RecordSection> sections, ConsentMethod method,
        DateOnly? reviewOn, string? note, UserId? by, DateTimeOffset at)
    {
        Id = ConsentRecordId.New();
        PersonId = person;
        Decision = decision;
        AgencyIds = agencies.Distinct().ToArray();
        Sections = sections.Distinct().Order().ToArray();
        Method = method;
        ReviewOn = reviewOn;
        Note = string.IsNullOrWhiteSpace(note) ? null : Guard.Text(note, NoteMaxLength, "The note");
        RecordedBy = by;
        RecordedAt = at;
    }

    public ConsentRecordId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public ConsentDecision Decision { get; private set; }

    /// <summary>The partner agencies this decision is about; none listed means every partner agency.</summary>
    public Guid[] AgencyIds { get; private set; }

    /// <summary>The parts of the record it is about; none listed means every part the agreement shares.</summary>
    public RecordSection[] Sections { get; private set; }

    public ConsentMethod Method { get; private set; }
    public DateOnly? ReviewOn { get; private set; }
    public string? Note { get; private set; }
    public UserId? RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public bool Covers(AgencyId agency) => AgencyIds.Length == 0 || AgencyIds.Contains(agency.Value);
}

public enum LawfulBasisKind
{
    Safeguarding = 1,
    PreventionOfCrime = 2,
    VitalInterests = 3,
    LegalObligation = 4,
    PublicTask = 5,
}

/// <summary>
/// Sharing without consent, on a recorded lawful basis (safeguarding, prevention of crime…): with one partner agency,
/// for a reason, decided by a named person, for a period. It can be ended; it cannot be rewritten.
/// </summary>
public sealed class LawfulBasis : AuditableEntity
{
    public const int ReasonMaxLength = 1000;
    public const int DecidedByMaxLength = 200;

    private LawfulBasis()
    {
        Reason = string.Empty;
        DecidedBy = string.Empty;
        Sections = [];
    }

    public LawfulBasis(
        PersonId person, AgencyId agency, LawfulBasisKind kind, IEnumerable<RecordSection> sections, string reason, string decidedBy,
        DateOnly startsOn, DateOnly? endsOn)
    {
        if (endsOn is { } end && end < startsOn)
        {
            throw new BusinessRuleException("It cannot end before it starts.");
        }

        Id = LawfulBasisId.New();
        PersonId = person;
        AgencyId = agency;
        Kind = kind;
        Sections = sections.Distinct().Order().ToArray();
        Reason = Guard.Text(reason, ReasonMaxLength, "The reason");
        DecidedBy = Guard.Text(decidedBy, DecidedByMaxLength, "Who decided");
        StartsOn = startsOn;
        EndsOn = endsOn;
    }

    public LawfulBasisId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public AgencyId AgencyId { get; private set; }
    public LawfulBasisKind Kind { get; private set; }

    /// <summary>The parts of the record it covers; none listed means every part the agreement shares.</summary>
    public RecordSection[] Sections { get; private set; }

    public string Reason { get; private set; }

    /// <summary>Who made the decision, in words (for example "J Patel, safeguarding lead").</summary>
    public string DecidedBy { get; private set; }

    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }

    public bool IsActiveOn(DateOnly day) => day >= StartsOn && (EndsOn is null || day <= EndsOn);

    public void End(DateOnly on)
    {
        if (on < StartsOn)
        {
            throw new BusinessRuleException("It cannot end before it started.");
        }

        if (EndsOn is { } ended && ended <= on)
        {
            throw new BusinessRuleException("It has already ended.");
        }

        EndsOn = on;
    }
}
