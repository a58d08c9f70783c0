using Locality.Application.Conversations;
using Locality.Domain.Conversations;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

/// <summary>The words a person reads on screen (see the practice language guide): never "case", "client" or "closed".</summary>
public static class Words
{
    public static string Method(ContactMethod? method) => method switch
    {
        ContactMethod.Visit => "Visit",
        ContactMethod.Phone => "Phone call",
        ContactMethod.TextMessage => "Text message",
        ContactMethod.Email => "Email",
        ContactMethod.Meeting => "Meeting",
        ContactMethod.Letter => "Letter",
        ContactMethod.VideoCall => "Video call",
        _ => "Contact",
    };

    public static string Outcome(ContactOutcome? outcome) => outcome switch
    {
        ContactOutcome.Reached => "reached them",
        ContactOutcome.NotReached => "did not reach them",
        ContactOutcome.Declined => "they did not want to talk this time",
        _ => string.Empty,
    };

    public static string State(ConversationState state) => state switch
    {
        ConversationState.Active => "Active",
        ConversationState.Quiet => "Quiet: keep trying",
        ConversationState.Resting => "Resting",
        _ => "Resting",
    };

    public static string StateTagClass(ConversationState state) => state switch
    {
        ConversationState.Active => "govuk-tag--green",
        ConversationState.Quiet => "govuk-tag--yellow",
        _ => "govuk-tag--grey",
    };

    public static string Role(MemberRole role) => role switch
    {
        MemberRole.Lead => "Lead key worker",
        MemberRole.Worker => "Worker",
        _ => "Agency",
    };

    /// <summary>A one-line heading for a timeline entry.</summary>
    public static string Heading(TimelineEntryDto e) => e.Kind switch
    {
        EntryKind.Opened => "Conversation started",
        EntryKind.Conversation => Method(e.Method),
        EntryKind.ContactAttempt => $"Tried to reach them: {Method(e.Method).ToLowerInvariant()}, {Outcome(e.Outcome)}",
        EntryKind.Note => "Note",
        EntryKind.PartnerContribution => $"From {e.OtherAgencyName}",
        EntryKind.HandOff => $"Passed on to {e.ToService}{(e.OtherAgencyName is null ? string.Empty : $" ({e.OtherAgencyName})")}",
        EntryKind.LeadWorkerChanged => $"{e.SubjectWorkerName} is now the lead key worker",
        EntryKind.TeamMemberJoined => $"{e.SubjectWorkerName ?? e.OtherAgencyName} joined the team around them",
        EntryKind.TeamMemberLeft => $"{e.SubjectWorkerName ?? e.OtherAgencyName} left the team around them",
        EntryKind.RestingStarted => $"Resting until {(e.CheckBackOn is { } d ? DateWords.Date(d) : "the check-back date")}",
        EntryKind.RestingEnded => "No longer resting",
        EntryKind.StateChanged => e.NewState switch
        {
            ConversationState.Quiet => "Went quiet: no contact for a while",
            ConversationState.Active => "Active again",
            _ => "Resting",
        },
        EntryKind.RecordMerged => "Another record for them was merged into this one",
        EntryKind.Rated => "Rating recorded",
        EntryKind.PlanChanged => "Their plan changed",
        EntryKind.StrengthRecorded => "A strength was noted",
        EntryKind.DemandRecorded => "Demand on services recorded",

        // A kind added later without words here still reads as something a person understands.
        _ => "Recorded in the conversation",
    };

    public static IReadOnlyList<SelectListItem> MethodOptions { get; } =
        Enum.GetValues<ContactMethod>().Select(m => new SelectListItem(Method(m), m.ToString())).ToList();

    public static IReadOnlyList<SelectListItem> OutcomeOptions { get; } =
    [
        new("Reached them", nameof(ContactOutcome.Reached)),
        new("Did not reach them", nameof(ContactOutcome.NotReached)),
        new("Reached them, but they did not want to talk this time", nameof(ContactOutcome.Declined)),
    ];
}
