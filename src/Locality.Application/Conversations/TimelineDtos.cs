using Locality.Domain.Conversations;

namespace Locality.Application.Conversations;

public sealed record TimelineEntryDto(
    Guid Id,
    EntryKind Kind,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Guid? AuthorId,
    string? AuthorName,
    string? AuthorAgencyName,
    string? Text,
    ContactMethod? Method,
    ContactOutcome? Outcome,
    string? Location,
    string? WhoWasThere,
    string? OtherAgencyName,
    string? ToService,
    bool? LeadKeepsConversation,
    string? SubjectWorkerName,
    ConversationState? NewState,
    DateOnly? CheckBackOn,
    bool CanBeAmended,
    IReadOnlyList<AmendmentDto> Amendments,
    EntryRestrictionDto? Restriction = null)
{
    /// <summary>What the entry says now: the latest correction's text, or the original.</summary>
    public string? CurrentText => Amendments.Count > 0 ? Amendments[^1].CorrectedText : Text;
}

/// <summary>Who a restricted entry is kept to (its author always sees it), and why.</summary>
public sealed record EntryRestrictionDto(IReadOnlyList<string> Roles, IReadOnlyList<string> PeopleNames, string Reason);

public sealed record AmendmentDto(int Sequence, string Reason, string CorrectedText, string? AuthorName, DateTimeOffset RecordedAt);

public sealed record TeamMemberDto(Guid MemberId, MemberRole Role, Guid? WorkerId, string? WorkerName, Guid AgencyId, string AgencyName, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt);

public sealed record TimelinePage(IReadOnlyList<TimelineEntryDto> Entries, string? OlderCursor);
