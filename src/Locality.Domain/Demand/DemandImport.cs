using Locality.Domain.Common;
using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Domain.Demand;

public enum ImportStatus
{
    /// <summary>Accepted, waiting for the background job.</summary>
    Waiting = 1,
    Running = 2,
    Finished = 3,

    /// <summary>The whole file was refused (not CSV, empty, missing columns): nothing was imported.</summary>
    Refused = 4,
}

public enum ImportFormat
{
    Csv = 1,
    Json = 2,
}

/// <summary>
/// A partner's batch of demand events: a CSV file a team lead uploaded or a JSON batch a partner system sent. It runs
/// in the background and keeps its progress and its report: rows imported, rows already seen (the same agency and
/// source reference, stored once), rows rejected (each with its line and reason), events linked to people and
/// matches offered to workers.
/// </summary>
public sealed class DemandImport : AuditableEntity
{
    public const int FileNameMaxLength = 200;
    public const int MessageMaxLength = 2000;

    private DemandImport()
    {
        FileName = string.Empty;
    }

    public DemandImport(AgencyId agency, LocalityId? locality, ImportFormat format, string fileName, long totalRows, UserId? by, ApiKeyId? key, DateTimeOffset at)
    {
        Id = DemandImportId.New();
        AgencyId = agency;
        LocalityId = locality;
        Format = format;
        FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName;
        TotalRows = totalRows;
        SubmittedBy = by;
        SubmittedByKey = key;
        SubmittedAt = at;
        Status = ImportStatus.Waiting;
    }

    public DemandImportId Id { get; private set; }
    public AgencyId AgencyId { get; private set; }
    public LocalityId? LocalityId { get; private set; }
    public ImportFormat Format { get; private set; }
    public string FileName { get; private set; }
    public UserId? SubmittedBy { get; private set; }
    public ApiKeyId? SubmittedByKey { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public ImportStatus Status { get; private set; }

    /// <summary>Rows in the file (not counting the header), known once the file has been read.</summary>
    public long TotalRows { get; private set; }

    public long RowsDone { get; private set; }
    public long Imported { get; private set; }
    public long AlreadySeen { get; private set; }
    public long Rejected { get; private set; }
    public long Linked { get; private set; }
    public long Offered { get; private set; }
    public string? Message { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public bool IsOver => Status is ImportStatus.Finished or ImportStatus.Refused;

    /// <summary>
    /// A message as stored: cut to the column. The job moves an import on with set-based updates (the writer's counts
    /// move in the same rows at the same time), so the cut is here for it to apply, not inside a state change.
    /// </summary>
    public static string? Fit(string? message) => message is { Length: > MessageMaxLength } ? message[..MessageMaxLength] : message;
}

/// <summary>A row an import could not take: its line in the file (or its place in the batch) and why. Only ever added.</summary>
public sealed class DemandImportProblem : IAppendOnly
{
    public const int ReasonMaxLength = 500;

    private DemandImportProblem()
    {
        Reason = string.Empty;
    }

    public DemandImportProblem(DemandImportId importId, long line, string reason)
    {
        ImportId = importId;
        Line = line;
        Reason = reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason;
    }

    public long Id { get; private set; }
    public DemandImportId ImportId { get; private set; }
    public long Line { get; private set; }
    public string Reason { get; private set; }
}

/// <summary>The file or batch as sent, kept until its import has run.</summary>
public sealed class DemandImportPayload
{
    private DemandImportPayload()
    {
        Content = [];
    }

    public DemandImportPayload(DemandImportId importId, byte[] content)
    {
        ImportId = importId;
        Content = content;
    }

    public DemandImportId ImportId { get; private set; }
    public byte[] Content { get; private set; }
}

public enum MatchDecision
{
    Confirmed = 1,
    NotThem = 2,
}

/// <summary>
/// A possible owner for an event that came in without a certain match (the same date of birth and family name, or a
/// name and date of birth shared by more than one person). A worker confirms or turns it down; nothing is linked
/// until they do.
/// </summary>
public sealed class DemandMatchOffer : AuditableEntity
{
    public const int WhyMaxLength = 300;

    private DemandMatchOffer()
    {
        Why = string.Empty;
    }

    public DemandMatchOffer(DemandEventId eventId, PersonId person, string why, DateTimeOffset at)
    {
        Id = DemandMatchOfferId.New();
        EventId = eventId;
        PersonId = person;
        Why = why.Length > WhyMaxLength ? why[..WhyMaxLength] : why;
        OfferedAt = at;
    }

    public DemandMatchOfferId Id { get; private set; }
    public DemandEventId EventId { get; private set; }
    public PersonId PersonId { get; private set; }
    public string Why { get; private set; }
    public DateTimeOffset OfferedAt { get; private set; }
    public MatchDecision? Decision { get; private set; }
    public UserId? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    public void Decide(MatchDecision decision, UserId? by, DateTimeOffset at)
    {
        if (Decision is not null)
        {
            throw new BusinessRuleException("Someone has already answered this.");
        }

        Decision = decision;
        DecidedBy = by;
        DecidedAt = at;
    }
}
