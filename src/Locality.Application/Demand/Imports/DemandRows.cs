using System.Globalization;
using System.Text;
using Locality.Application.Common.Time;
using Locality.Domain.Demand;
using Locality.Domain.People;

namespace Locality.Application.Demand.Imports;

/// <summary>
/// A column of a partner's demand file, by the name its header gives it, with the field of a partner system's batch
/// event that carries the same value. The reader asks for a value by its column, never by a position.
/// </summary>
public sealed class DemandColumn
{
    private readonly Func<DemandBatchEvent, string?> inBatch;

    internal DemandColumn(string name, Func<DemandBatchEvent, string?> inBatch)
    {
        Name = name;
        this.inBatch = inBatch;
    }

    /// <summary>As the file's first line names it (docs/demand-import-format.md).</summary>
    public string Name { get; }

    internal string? In(DemandBatchEvent batchEvent) => inBatch(batchEvent);

    public override string ToString() => Name;
}

/// <summary>The columns a partner's demand file may have (docs/demand-import-format.md describes each).</summary>
public static class DemandColumns
{
    public static DemandColumn SourceReference { get; } = new("source_reference", e => e.SourceReference);
    public static DemandColumn Type { get; } = new("type", e => e.Type);
    public static DemandColumn OccurredAt { get; } = new("occurred_at", e => e.OccurredAt);
    public static DemandColumn Uprn { get; } = new("uprn", e => e.Uprn);
    public static DemandColumn Postcode { get; } = new("postcode", e => e.Postcode);
    public static DemandColumn AddressLine1 { get; } = new("address_line_1", e => e.AddressLine1);
    public static DemandColumn Classification { get; } = new("classification", e => e.Classification);
    public static DemandColumn FailureType { get; } = new("failure_type", e => e.FailureType);
    public static DemandColumn AttendanceCode { get; } = new("attendance_code", e => e.AttendanceCode);
    public static DemandColumn NhsNumber { get; } = new("nhs_number", e => e.NhsNumber);
    public static DemandColumn GivenName { get; } = new("given_name", e => e.GivenName);
    public static DemandColumn FamilyName { get; } = new("family_name", e => e.FamilyName);
    public static DemandColumn DateOfBirth { get; } = new("date_of_birth", e => e.DateOfBirth);

    public static IReadOnlyList<DemandColumn> Required { get; } = [SourceReference, Type, OccurredAt, Classification];

    /// <summary>Every column, in the order the format's documentation lists them (which is not an order a file must keep).</summary>
    public static IReadOnlyList<DemandColumn> All { get; } =
        [SourceReference, Type, OccurredAt, Uprn, Postcode, AddressLine1, Classification, FailureType, AttendanceCode, NhsNumber, GivenName, FamilyName, DateOfBirth];
}

/// <summary>Where each known column is in a file, read from its header, and the columns it has that are not read.</summary>
public sealed class DemandHeader
{
    private readonly Dictionary<DemandColumn, int> positions;

    private DemandHeader(Dictionary<DemandColumn, int> positions, int width, IReadOnlyList<string> ignored)
    {
        this.positions = positions;
        Width = width;
        Ignored = ignored;
    }

    /// <summary>How many values every row must have.</summary>
    public int Width { get; }

    public IReadOnlyList<string> Ignored { get; }

    /// <summary>Every column, each where <see cref="ValuesOf"/> puts it: how a partner system's batch is read.</summary>
    public static DemandHeader Standard { get; } =
        new(DemandColumns.All.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i), DemandColumns.All.Count, []);

    /// <summary>A batch event's fields as the row of a file with the <see cref="Standard"/> header.</summary>
    public static string[] ValuesOf(DemandBatchEvent batchEvent) => DemandColumns.All.Select(c => c.In(batchEvent) ?? string.Empty).ToArray();

    public string? this[string[] values, DemandColumn column] => positions.TryGetValue(column, out var at) ? values[at] : null;

    /// <summary>The header's meaning, or why the file must be refused whole.</summary>
    public static DemandHeader? Read(string[] names, out string? problem)
    {
        problem = null;
        var cleaned = names.Select(n => n.Trim().ToLowerInvariant().Replace(' ', '_')).ToArray();
        if (cleaned.Length == 1 && cleaned[0].IndexOfAny([';', '\t', '|']) is var at and >= 0)
        {
            var separator = cleaned[0][at] switch { ';' => "semicolons (;)", '\t' => "tabs", _ => "bars (|)" };
            problem = $"The columns are separated by {separator}. Locality reads CSV with commas (,) between values: save the file as \"CSV (comma delimited)\" and upload it again.";
            return null;
        }

        var repeated = cleaned.Where(n => n.Length > 0).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            problem = $"The first line names {string.Join(", ", repeated)} more than once. Each column may appear once.";
            return null;
        }

        var missing = DemandColumns.Required.Where(r => !cleaned.Contains(r.Name)).ToList();
        if (missing.Count > 0)
        {
            problem = missing.Count == DemandColumns.Required.Count
                ? $"The first line of the file must name its columns, and it names none that Locality reads. It needs at least {string.Join(", ", DemandColumns.Required)}; docs/demand-import-format.md lists them all."
                : $"The file has no {string.Join(", ", missing)} column{(missing.Count > 1 ? "s" : string.Empty)}. The first line must name at least {string.Join(", ", DemandColumns.Required)}.";
            return null;
        }

        var positions = DemandColumns.All.Select(c => (Column: c, At: Array.IndexOf(cleaned, c.Name))).Where(p => p.At >= 0).ToDictionary(p => p.Column, p => p.At);
        var known = DemandColumns.All.Select(c => c.Name).ToHashSet();
        return new DemandHeader(positions, cleaned.Length, cleaned.Where(n => !known.Contains(n)).ToList());
    }
}

/// <summary>A row that passed every check, ready to store.</summary>
public sealed record IncomingDemand(
    long Line, string SourceReference, string TypeCode, DateTimeOffset OccurredAt, string? Uprn, string? Postcode, string? AddressLine1,
    DemandClass Classification, string? FailureTypeCode, int? AttendanceCode, string? NhsNumber, string? GivenName, string? FamilyName, DateOnly? DateOfBirth)
{
    public string? AddressKey { get; } = DemandEvent.AddressKeyOf(Uprn, Postcode, AddressLine1);

    public bool CanBeMatched => NhsNumber is not null || (DateOfBirth is not null && (GivenName is not null || FamilyName is not null));
}

/// <summary>The catalogue a row is checked against: which types exist (and which take an attendance code) and which failure types.</summary>
public sealed record DemandRules(IReadOnlyDictionary<string, bool> TypesRecordingAttendance, IReadOnlySet<string> FailureTypes, DateTimeOffset Now);

/// <summary>Checks one row of a partner's file or batch; every problem is said in the words a partner's analyst would use.</summary>
public static class DemandRowReader
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy",
    ];

    /// <summary>A time with its offset from UTC, or Z for UTC itself.</summary>
    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd HH:mm'Z'",
    ];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"];

    public static IncomingDemand? Read(DemandHeader header, CsvRecord record, DemandRules rules, out string? problem)
    {
        problem = record.Problem;
        if (problem is not null)
        {
            return null;
        }

        var values = record.Values;
        if (values.Length != header.Width)
        {
            problem = $"it has {values.Length} value{(values.Length == 1 ? string.Empty : "s")} but the first line names {header.Width} columns (a comma too many or too few, or a value with a comma not in quotes)";
            return null;
        }

        string? Value(DemandColumn column) => header[values, column] is { } v && (v = v.Trim()).Length > 0 ? v : null;

        var problems = new List<string>(2);
        var reference = Value(DemandColumns.SourceReference);
        if (reference is null)
        {
            problems.Add("source_reference is empty");
        }
        else if (reference.Length > DemandEvent.SourceReferenceMaxLength)
        {
            problems.Add($"source_reference is longer than {DemandEvent.SourceReferenceMaxLength} characters");
        }

        var type = Value(DemandColumns.Type);
        var recordsAttendance = false;
        if (type is null)
        {
            problems.Add("type is empty");
        }
        else if (!rules.TypesRecordingAttendance.TryGetValue(type.ToLowerInvariant(), out recordsAttendance))
        {
            problems.Add($"type '{Clip(type)}' is not a demand type Locality knows");
        }

        var occurredAt = ReadWhen(Value(DemandColumns.OccurredAt), rules.Now, problems);

        var uprnText = Value(DemandColumns.Uprn);
        string? uprn = null;
        if (uprnText is not null)
        {
            if (Domain.People.Uprn.TryParse(uprnText, out var parsed))
            {
                uprn = parsed.Value;
            }
            else
            {
                problems.Add($"uprn '{Clip(uprnText)}' is not a UPRN (up to 12 digits, no letters)");
            }
        }

        var postcodeText = Value(DemandColumns.Postcode);
        string? postcode = null;
        if (postcodeText is not null)
        {
            if (Domain.People.Postcode.TryParse(postcodeText, out var parsed))
            {
                postcode = parsed.Value;
            }
            else
            {
                problems.Add($"postcode '{Clip(postcodeText)}' cannot be a UK postcode");
            }
        }

        var line1 = Value(DemandColumns.AddressLine1);
        if (line1 is { Length: > DemandEvent.AddressLineMaxLength })
        {
            problems.Add($"address_line_1 is longer than {DemandEvent.AddressLineMaxLength} characters");
        }

        var classificationText = Value(DemandColumns.Classification);
        DemandClass classification = default;
        if (classificationText is null)
        {
            problems.Add("classification is empty (value or failure)");
        }
        else if (classificationText.Equals("value", StringComparison.OrdinalIgnoreCase))
        {
            classification = DemandClass.Value;
        }
        else if (classificationText.Equals("failure", StringComparison.OrdinalIgnoreCase))
        {
            classification = DemandClass.Failure;
        }
        else
        {
            problems.Add($"classification '{Clip(classificationText)}' is neither value nor failure");
        }

        var failure = Value(DemandColumns.FailureType)?.ToUpperInvariant();
        if (classification == DemandClass.Failure)
        {
            if (failure is null)
            {
                problems.Add("failure_type is empty: failure demand needs its kind (such as REPEAT_CALLOUT)");
            }
            else if (!rules.FailureTypes.Contains(failure))
            {
                problems.Add($"failure_type '{Clip(failure)}' is not a kind of failure demand Locality knows");
            }
        }
        else
        {
            failure = null;
        }

        var attendanceText = Value(DemandColumns.AttendanceCode);
        int? attendance = null;
        if (attendanceText is not null)
        {
            if (!int.TryParse(attendanceText, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code > 7)
            {
                problems.Add($"attendance_code '{Clip(attendanceText)}' is not an attendance code (0 to 7)");
            }
            else if (type is not null && !recordsAttendance && problems.Count == 0)
            {
                problems.Add($"attendance_code is only for appointments, not for {type}");
            }
            else
            {
                attendance = code;
            }
        }
        else if (recordsAttendance)
        {
            problems.Add("attendance_code is empty: an appointment needs its attendance code (0 to 7)");
        }

        var nhsText = Value(DemandColumns.NhsNumber);
        string? nhs = null;
        if (nhsText is not null)
        {
            if (Domain.People.NhsNumber.TryParse(nhsText, out var parsed))
            {
                nhs = parsed.Digits;
            }
            else
            {
                problems.Add("nhs_number is not a valid NHS number (10 digits with a check digit)");
            }
        }

        var given = Value(DemandColumns.GivenName);
        var family = Value(DemandColumns.FamilyName);
        if (given is { Length: > Person.NameMaxLength } || family is { Length: > Person.NameMaxLength })
        {
            problems.Add($"a name is longer than {Person.NameMaxLength} characters");
        }

        var dobText = Value(DemandColumns.DateOfBirth);
        DateOnly? dob = null;
        if (dobText is not null)
        {
            if (DateOnly.TryParseExact(dobText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed <= DateOnly.FromDateTime(rules.Now.UtcDateTime))
            {
                dob = parsed;
            }
            else
            {
                problems.Add($"date_of_birth '{Clip(dobText)}' is not a date in the past (use 1984-03-14 or 14/03/1984)");
            }
        }

        if (problems.Count > 0)
        {
            problem = string.Join("; ", problems);
            return null;
        }

        return new IncomingDemand(
            record.Line, reference!, type!.ToLowerInvariant(), occurredAt!.Value, uprn, postcode, line1, classification, failure, attendance, nhs, given, family, dob);
    }

    private static DateTimeOffset? ReadWhen(string? text, DateTimeOffset now, List<string> problems)
    {
        if (text is null)
        {
            problems.Add("occurred_at is empty");
            return null;
        }

        DateTimeOffset at;
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            // No offset given: the time is UK time, whatever the season.
            at = new DateTimeOffset(local, UkCalendar.TimeZone.GetUtcOffset(local));
        }
        else if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact))
        {
            at = exact;
        }
        else
        {
            problems.Add($"occurred_at '{Clip(text)}' is not a date and time (use 2026-03-14T21:05:00Z, 2026-03-14 21:05 or 14/03/2026 21:05, UK time unless an offset is given)");
            return null;
        }

        if (at > now.AddMinutes(5))
        {
            problems.Add($"occurred_at {text} is in the future");
            return null;
        }

        if (at < now.AddYears(-RecordedDates.FurthestBackYears))
        {
            problems.Add($"occurred_at {text} is more than {RecordedDates.FurthestBackYears} years ago");
            return null;
        }

        return at.ToUniversalTime();
    }

    /// <summary>A bad value quoted back, cut short and stripped of anything that is not printable.</summary>
    private static string Clip(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, 40));
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, 40)))
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return value.Length > 40 ? builder.Append('…').ToString() : builder.ToString();
    }
}
