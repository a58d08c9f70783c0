using Locality.Domain.Conversations;

namespace Locality.Application.Conversations;

public sealed record DayPersonDto(
    Guid PersonId,
    string KnownAs,
    ConversationState State,
    DateTimeOffset? LastSuccessfulContactAt,
    int DaysSinceContact,
    int AttemptsSinceContact,
    DateOnly? RestingUntil,
    int HandOffCount,
    bool HasSafetyNotes,
    Guid LeadWorkerId,
    string LeadWorkerName);

public sealed record MyDayDto(
    Guid WorkerId,
    string WorkerName,
    IReadOnlyList<DayPersonDto> People,
    IReadOnlyList<DayPersonDto> KeepTrying,
    IReadOnlyList<DayPersonDto> CheckBacksDue,
    IReadOnlyList<DayRatingDueDto> RatingsDue,
    IReadOnlyList<Plans.DayStepDto> StepsDue);

/// <summary>Someone due to be rated again with an instrument, since the date given.</summary>
public sealed record DayRatingDueDto(Guid PersonId, string KnownAs, Guid InstrumentId, string InstrumentName, DateOnly DueOn);

public sealed record TeamMemberDayDto(Guid WorkerId, string Name, int People, int Quiet, int CheckBacksDue, int RatingsDue);

public sealed record TeamDayDto(
    Guid TeamId, string TeamName, IReadOnlyList<TeamMemberDayDto> Members, IReadOnlyList<DayPersonDto> KeepTrying, IReadOnlyList<DayPersonDto> CheckBacksDue,
    IReadOnlyList<DayRatingDueDto> RatingsDue);
