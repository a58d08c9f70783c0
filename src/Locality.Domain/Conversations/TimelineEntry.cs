using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Domain.Conversations;

/// <summary>
/// One thing that happened in a conversation. Entries are only ever added: a correction is an amendment with a
/// reason, and the original stays as it was written. (The database refuses updates and deletes as well.)
/// </summary>
public sealed class TimelineEntry : Common.IAppendOnly
{
    public const int TextMaxLength = 10_000;
    public const int ShortTextMaxLength = 500;

    private TimelineEntry()
    {
    }

    internal TimelineEntry(Conversation conversation, EntryKind kind, DateTimeOffset occurredAt, DateTimeOffset recordedAt, Author author)
    {
        if (occurredAt > recordedAt.AddDays(1))
        {
            throw new Common.BusinessRuleException("An entry cannot be dated in the future.");
        }

        Id = TimelineEntryId.New();
        ConversationId = conversation.Id;
        PersonId = conversation.PersonId;
        Kind = kind;
        OccurredAt = occurredAt;
        RecordedAt = recordedAt;
        AuthorId = author.UserId;
        AuthorAgencyId = author.AgencyId;
    }

    public TimelineEntryId Id { get; private set; }

    /// <summary>The order entries were written in, given by the database: it settles entries that happened at the same moment.</summary>
    public long Sequence { get; private set; }

    public ConversationId ConversationId { get; private set; }
    public PersonId PersonId { get; private set; }
    public EntryKind Kind { get; private set; }

    /// <summary>When it happened: may be earlier than when it was written down.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Who wrote it; null when the service itself recorded it (a state change, a merge).</summary>
    public UserId? AuthorId { get; private set; }

    public AgencyId? AuthorAgencyId { get; private set; }

    public string? Text { get; private set; }
    public ContactMethod? Method { get; private set; }
    public ContactOutcome? Outcome { get; private set; }
    public string? Location { get; private set; }
    public string? WhoWasThere { get; private set; }

    /// <summary>The partner agency a contribution came from, or the agency a person was passed on to.</summary>
    public AgencyId? OtherAgencyId { get; private set; }

    /// <summary>The service a person was passed on to, in the worker's words.</summary>
    public string? ToService { get; private set; }

    public bool? LeadKeepsConversation { get; private set; }

    /// <summary>The worker a change is about: the new lead, or the worker who joined or left.</summary>
    public UserId? SubjectWorkerId { get; private set; }

    public ConversationState? NewState { get; private set; }
    public DateOnly? CheckBackOn { get; private set; }

    public bool IsSuccessfulContact =>
        Kind == EntryKind.Conversation || (Kind == EntryKind.ContactAttempt && Outcome == ContactOutcome.Reached);

    /// <summary>Entries people write can be corrected by an amendment; entries the service writes cannot.</summary>
    public bool CanBeAmended => AuthorId is not null && Kind is EntryKind.Conversation or EntryKind.ContactAttempt
        or EntryKind.Note or EntryKind.PartnerContribution or EntryKind.HandOff;

    internal TimelineEntry WithText(string? text)
    {
        Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return this;
    }

    internal TimelineEntry WithContact(ContactMethod method, ContactOutcome? outcome, string? location, string? whoWasThere)
    {
        Method = method;
        Outcome = outcome;
        Location = string.IsNullOrWhiteSpace(location) ? null : location.Trim();
        WhoWasThere = string.IsNullOrWhiteSpace(whoWasThere) ? null : whoWasThere.Trim();
        return this;
    }

    internal TimelineEntry WithHandOff(string toService, AgencyId? toAgency, bool leadKeeps, UserId? newLead)
    {
        ToService = toService.Trim();
        OtherAgencyId = toAgency;
        LeadKeepsConversation = leadKeeps;
        SubjectWorkerId = newLead;
        return this;
    }

    internal TimelineEntry WithAgency(AgencyId agency)
    {
        OtherAgencyId = agency;
        return this;
    }

    internal TimelineEntry AboutWorker(UserId worker)
    {
        SubjectWorkerId = worker;
        return this;
    }

    internal TimelineEntry WithState(ConversationState state, DateOnly? checkBackOn = null)
    {
        NewState = state;
        CheckBackOn = checkBackOn;
        return this;
    }
}

/// <summary>Who is writing: a worker and their agency, or the service itself.</summary>
public readonly record struct Author(UserId? UserId, AgencyId? AgencyId)
{
    public static readonly Author System = new(null, null);
}
