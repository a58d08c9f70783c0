using Locality.Domain.Common;
using Locality.Domain.Organisations;

namespace Locality.Domain.Conversations;

/// <summary>
/// A correction to an entry, with the reason for it. The entry and every earlier amendment stay visible. Amendments
/// are numbered per entry; two people correcting the same entry at once cannot both be the next number.
/// </summary>
public sealed class TimelineAmendment : IAppendOnly
{
    public const int ReasonMaxLength = 500;

    private TimelineAmendment()
    {
        Reason = string.Empty;
        CorrectedText = string.Empty;
    }

    public TimelineAmendment(TimelineEntry entry, int sequence, string reason, string correctedText, Author author, DateTimeOffset recordedAt)
    {
        if (!entry.CanBeAmended)
        {
            throw new BusinessRuleException("Entries the service records itself cannot be amended.");
        }

        Id = AmendmentId.New();
        EntryId = entry.Id;
        Sequence = sequence;
        Reason = Guard.Text(reason, ReasonMaxLength, "The reason for the correction");
        CorrectedText = Guard.Text(correctedText, TimelineEntry.TextMaxLength, "The corrected text");
        AuthorId = author.UserId;
        AuthorAgencyId = author.AgencyId;
        RecordedAt = recordedAt;
    }

    public AmendmentId Id { get; private set; }
    public TimelineEntryId EntryId { get; private set; }

    /// <summary>1 for the first correction of an entry, 2 for the next, and so on.</summary>
    public int Sequence { get; private set; }

    public string Reason { get; private set; }
    public string CorrectedText { get; private set; }
    public UserId? AuthorId { get; private set; }
    public AgencyId? AuthorAgencyId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
}
