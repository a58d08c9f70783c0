namespace Locality.Domain.Conversations;

/// <summary>Where a conversation stands. It is never closed: it can only be active, quiet or resting.</summary>
public enum ConversationState
{
    Active = 1,

    /// <summary>No successful contact for the configured number of days: keep trying.</summary>
    Quiet = 2,

    /// <summary>The person asked for space, until a check-back date.</summary>
    Resting = 3,
}

public enum EntryKind
{
    Opened = 1,
    Conversation = 2,
    ContactAttempt = 3,
    Note = 4,
    PartnerContribution = 5,
    HandOff = 6,
    LeadWorkerChanged = 7,
    TeamMemberJoined = 8,
    TeamMemberLeft = 9,
    RestingStarted = 10,
    RestingEnded = 11,
    StateChanged = 12,
    RecordMerged = 13,

    /// <summary>A rating (the Chaos Index or another instrument) was recorded.</summary>
    Rated = 14,

    /// <summary>The person's plan changed: a goal, a step, a review, what a good life looks like.</summary>
    PlanChanged = 15,

    /// <summary>A strength was recorded, or set aside.</summary>
    StrengthRecorded = 16,

    /// <summary>Demand that fell on an agency (a call-out, an attendance, a missed appointment) was recorded.</summary>
    DemandRecorded = 17,
}

/// <summary>How a worker and the person talked, or tried to.</summary>
public enum ContactMethod
{
    Visit = 1,
    Phone = 2,
    TextMessage = 3,
    Email = 4,
    Meeting = 5,
    Letter = 6,
    VideoCall = 7,
}

public enum ContactOutcome
{
    Reached = 1,
    NotReached = 2,
    Declined = 3,
}

public enum MemberRole
{
    Lead = 1,
    Worker = 2,
    Agency = 3,
}
