using Locality.Domain.Common;
using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Domain.Demand;

public enum DemandClass
{
    Value = 1,
    Failure = 2,
}

/// <summary>A kind of demand in the catalogue: police call-out, A&amp;E attendance, missed appointment…</summary>
public sealed class DemandType
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 120;

    private DemandType()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public DemandType(string code, string name, bool recordsAttendance, bool countsTowardsRepeatCallOuts)
    {
        Code = code;
        Name = name;
        RecordsAttendance = recordsAttendance;
        CountsTowardsRepeatCallOuts = countsTowardsRepeatCallOuts;
    }

    public string Code { get; private set; }
    public string Name { get; private set; }

    /// <summary>An appointment: events carry the NHS attended-or-did-not-attend code.</summary>
    public bool RecordsAttendance { get; private set; }

    public bool CountsTowardsRepeatCallOuts { get; private set; }

    /// <summary>The unit cost one event of this type is valued at; none means it is counted but not valued.</summary>
    public string? UnitCostCode { get; private set; }

    public void ValueAt(string? unitCostCode) => UnitCostCode = string.IsNullOrWhiteSpace(unitCostCode) ? null : unitCostCode;
}

/// <summary>A kind of failure demand in the locality's working taxonomy (editable): progress chasing, repeat call-out…</summary>
public sealed class FailureType
{
    public const int CodeMaxLength = 40;

    private FailureType()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public FailureType(string code, string name, string? example)
    {
        Code = code;
        Name = name;
        Example = example;
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public string? Example { get; private set; }
}

/// <summary>
/// Something that fell on an agency: a call-out, an attendance, a missed appointment. Where and when, the person if
/// known, the partner's own reference, and whether it was value or failure demand (with the kind of failure), and who
/// said so. Only its classification ever changes, by a team lead, with a reason, and the change is kept.
/// </summary>
public sealed class DemandEvent : AuditableEntity
{
    public const int SourceReferenceMaxLength = 100;
    public const int AddressLineMaxLength = 200;
    public const int ReasonMaxLength = 1000;

    private DemandEvent()
    {
        TypeCode = string.Empty;
    }

    public DemandEvent(
        string typeCode, AgencyId agency, DateTimeOffset occurredAt, string? uprn, string? postcode, string? addressLine1, PersonId? person,
        string? sourceReference, DemandClass classification, string? failureTypeCode, int? attendanceCode, UserId? by, DateTimeOffset at)
    {
        if (occurredAt > at.AddMinutes(5))
        {
            throw new BusinessRuleException("Demand cannot be recorded as happening in the future.");
        }

        if (attendanceCode is < 0 or > 7)
        {
            throw new BusinessRuleException("An attendance code is 0 to 7.");
        }

        Id = DemandEventId.New();
        TypeCode = typeCode;
        AgencyId = agency;
        OccurredAt = occurredAt;
        Uprn = uprn;
        Postcode = postcode;
        AddressLine1 = string.IsNullOrWhiteSpace(addressLine1) ? null : Guard.Text(addressLine1, AddressLineMaxLength, "The first line of the address");
        PersonId = person;
        SourceReference = string.IsNullOrWhiteSpace(sourceReference) ? null : Guard.Text(sourceReference, SourceReferenceMaxLength, "The reference");
        AttendanceCode = attendanceCode;
        RecordedBy = by;
        RecordedAt = at;
        AddressKey = AddressKeyOf(Uprn, Postcode, AddressLine1);
        Classify(classification, failureTypeCode, by, at);
    }

    public DemandEventId Id { get; private set; }
    public string TypeCode { get; private set; }
    public AgencyId AgencyId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string? Uprn { get; private set; }
    public string? Postcode { get; private set; }
    public string? AddressLine1 { get; private set; }
    public PersonId? PersonId { get; private set; }
    public string? SourceReference { get; private set; }
    public DemandClass Classification { get; private set; }
    public string? FailureTypeCode { get; private set; }
    public UserId? ClassifiedBy { get; private set; }
    public DateTimeOffset ClassifiedAt { get; private set; }

    /// <summary>The NHS attended-or-did-not-attend code, for appointments.</summary>
    public int? AttendanceCode { get; private set; }

    public UserId? RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Which address this was, for counting repeats: the UPRN when known, else the postcode and first line.</summary>
    public string? AddressKey { get; private set; }

    /// <summary>The locality the demand is counted in: the person's team's when linked, else the one the import named.</summary>
    public LocalityId? LocalityId { get; private set; }

    /// <summary>The team whose person it was when it was recorded or linked (the team lead's figures count it there).</summary>
    public TeamId? TeamId { get; private set; }

    /// <summary>The import it came in by, for a partner's feed.</summary>
    public DemandImportId? ImportId { get; private set; }

    /// <summary>
    /// The NHS attendance codes of an appointment that was due: not cancelled beforehand (codes 0 and 1 are cancellations).
    /// The figures count missed appointments out of these.
    /// </summary>
    public static (int From, int To) DueCodes { get; } = (2, 7);

    /// <summary>Missed only when the person did not attend without warning (3) or came too late to be seen (7).</summary>
    public static IReadOnlyList<int> MissedCodes { get; } = [3, 7];

    public bool IsMissedAppointment => IsMissed(AttendanceCode);

    public static bool IsMissed(int? attendanceCode) => attendanceCode is { } code && MissedCodes.Contains(code);

    /// <summary>
    /// The line a person's timeline shows for an event: what and which agency, missed or not, value or failure demand
    /// (with its kind when known), and, for a partner's event, where it came from.
    /// </summary>
    public static string TimelineLine(string typeName, string agencyName, bool missed, DemandClass classification, string? failureName, string? from = null)
    {
        var how = classification != DemandClass.Failure ? "value demand" : failureName is null ? "failure demand" : $"failure demand: {failureName.ToLowerInvariant()}";
        return $"{typeName} ({agencyName}){(missed ? ", missed" : string.Empty)}: {how}{(from is null ? string.Empty : $", {from}")}";
    }

    /// <summary>Where the figures count it: a linked person's team (and its locality), or the locality alone.</summary>
    public void CountIn(LocalityId? locality, TeamId? team)
    {
        LocalityId = locality;
        TeamId = team;
    }

    /// <summary>A worker confirmed whose this was (an offered match): it joins their timeline and their team's figures.</summary>
    public void LinkTo(PersonId person, LocalityId? locality, TeamId? team)
    {
        if (PersonId is not null)
        {
            throw new BusinessRuleException("This event is already linked to someone.");
        }

        PersonId = person;
        CountIn(locality ?? LocalityId, team);
    }

    /// <summary>An address as people read it: "12 Mesnes Street, WN1 1AA, UPRN 100011781234", with what is known.</summary>
    public static string DescribeAddress(string? addressLine1, string? postcode, string? uprn) =>
        string.Join(", ", new[] { addressLine1, postcode, uprn is null ? null : $"UPRN {uprn}" }.Where(p => p is not null));

    /// <summary>
    /// The key that makes two events "the same address": <c>uprn:…</c> when a UPRN is known, otherwise
    /// <c>address:POSTCODE|firstline</c> with the line in lower case, letters and digits only; none without either.
    /// </summary>
    public static string? AddressKeyOf(string? uprn, string? postcode, string? addressLine1)
    {
        if (!string.IsNullOrWhiteSpace(uprn))
        {
            return $"uprn:{uprn}";
        }

        if (string.IsNullOrWhiteSpace(postcode) || string.IsNullOrWhiteSpace(addressLine1))
        {
            return null;
        }

        Span<char> line = stackalloc char[Math.Min(addressLine1.Length, AddressLineMaxLength)];
        var length = 0;
        foreach (var c in addressLine1.AsSpan(0, line.Length))
        {
            if (char.IsLetterOrDigit(c))
            {
                line[length++] = char.ToLowerInvariant(c);
            }
        }

        return length == 0 ? null : $"address:{postcode}|{line[..length]}";
    }

    public DemandReclassification Reclassify(DemandClass classification, string? failureTypeCode, string reason, UserId? by, DateTimeOffset at)
    {
        var change = new DemandReclassification(Id, Classification, FailureTypeCode, classification, failureTypeCode,
            Guard.Text(reason, ReasonMaxLength, "The reason"), by, at);
        Classify(classification, failureTypeCode, by, at);
        return change;
    }

    private void Classify(DemandClass classification, string? failureTypeCode, UserId? by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(classification))
        {
            throw new BusinessRuleException("Say whether it was value or failure demand.");
        }

        if (classification == DemandClass.Failure && string.IsNullOrWhiteSpace(failureTypeCode))
        {
            throw new BusinessRuleException("Say what kind of failure demand it was.");
        }

        Classification = classification;
        FailureTypeCode = classification == DemandClass.Failure ? failureTypeCode : null;
        ClassifiedBy = by;
        ClassifiedAt = at;
    }
}

/// <summary>A change to how an event was classified: from, to, why, who and when. Only ever added.</summary>
public sealed class DemandReclassification : IAppendOnly
{
    private DemandReclassification()
    {
        Reason = string.Empty;
    }

    internal DemandReclassification(
        DemandEventId eventId, DemandClass from, string? fromFailure, DemandClass to, string? toFailure, string reason, UserId? by, DateTimeOffset at)
    {
        Id = DemandReclassificationId.New();
        EventId = eventId;
        From = from;
        FromFailureTypeCode = fromFailure;
        To = to;
        ToFailureTypeCode = to == DemandClass.Failure ? toFailure : null;
        Reason = reason;
        By = by;
        At = at;
    }

    public DemandReclassificationId Id { get; private set; }
    public DemandEventId EventId { get; private set; }
    public DemandClass From { get; private set; }
    public string? FromFailureTypeCode { get; private set; }
    public DemandClass To { get; private set; }
    public string? ToFailureTypeCode { get; private set; }
    public string Reason { get; private set; }
    public UserId? By { get; private set; }
    public DateTimeOffset At { get; private set; }
}

/// <summary>
/// The catalogue and taxonomy every installation starts with; both are data and can be extended. Each read makes new
/// entities, so valuing a type in one database never changes what is added to another.
/// </summary>
public static class DemandCatalogue
{
    public static IReadOnlyList<DemandType> Types =>
    [
        new("police-call-out", "Police call-out", false, true),
        new("asb-report", "Anti-social behaviour report", false, true),
        new("arrest", "Arrest", false, false),
        new("night-in-custody", "Night in custody", false, false),
        new("ambulance-call-out", "Ambulance call-out", false, false),
        new("ae-attendance", "A&E attendance", false, false),
        new("emergency-admission", "Emergency hospital admission", false, false),
        new("mental-health-crisis", "Mental-health crisis contact", false, false),
        new("gp-appointment", "GP appointment", true, false),
        new("missed-appointment", "Missed appointment", true, false),
        new("homelessness-presentation", "Homelessness presentation", false, false),
        new("eviction-notice", "Eviction notice", false, false),
        new("complaint", "Complaint", false, false),
        new("repeat-contact", "Repeat contact", false, false),
    ];

    public static IReadOnlyList<FailureType> FailureTypes =>
    [
        new("CHASE", "Progress chasing", "\"I rang last week and nobody called back\""),
        new("REPEAT", "The same need presenting again", "A third A&E visit this month for the same crisis"),
        new("NOT_RIGHT_FIRST_TIME", "Not done, or not done right, first time", "The wrong form sent; a repeat visit"),
        new("CLARIFY", "Seeking clarification", "A letter the person could not understand"),
        new("PASSED_ON", "Passed on, or sent to the wrong place", "Referred to a service that sent them back"),
        new("RE_ASSESS", "Telling their story again", "The fourth assessment this year"),
        new("DNA", "Missed appointment", "Did not attend, no warning"),
        new("REPEAT_CALLOUT", "Repeat call-out", "Police or ambulance to the same address or person again"),
        new("COMPLAINT", "Complaint about the service", null),
    ];
}
