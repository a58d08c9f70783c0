using Locality.Domain.Common;
using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Domain.Conversations;

/// <summary>
/// The one open-ended conversation with a person, across every agency. It has no end: it is active, quiet (no
/// successful contact for a while: keep trying) or resting (the person asked for space until a check-back date).
/// Everything said and done is an entry on its timeline; this holds only what is needed to know where it stands.
/// </summary>
public sealed class Conversation : AuditableEntity
{
    public const int ReasonMaxLength = 1000;
    private readonly List<ConversationMember> members = [];

    private Conversation()
    {
    }

    private Conversation(PersonId person, UserId lead, DateTimeOffset openedAt)
    {
        Id = ConversationId.New();
        PersonId = person;
        LeadWorkerId = lead;
        OpenedAt = openedAt;
        LastKnownState = ConversationState.Active;
        LastKnownStateAt = openedAt;
    }

    public ConversationId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public UserId LeadWorkerId { get; private set; }

    /// <summary>The latest time a worker reached the person.</summary>
    public DateTimeOffset? LastSuccessfulContactAt { get; private set; }

    /// <summary>Tries that did not reach the person since they were last reached.</summary>
    public int AttemptsSinceContact { get; private set; }

    /// <summary>How many times the person has been passed on, across all agencies.</summary>
    public int HandOffCount { get; private set; }

    /// <summary>While resting: the day to check back with the person.</summary>
    public DateOnly? RestingUntil { get; private set; }

    /// <summary>The state last recorded on the timeline; the daily check compares it with the state now.</summary>
    public ConversationState LastKnownState { get; private set; }

    public DateTimeOffset LastKnownStateAt { get; private set; }

    public IReadOnlyList<ConversationMember> Members => members;

    public ConversationMember? Lead => members.SingleOrDefault(m => m.Role == MemberRole.Lead && m.IsCurrent);

    /// <summary>Opens the conversation with a person, with its first lead key worker.</summary>
    public static (Conversation Conversation, TimelineEntry Opened) Open(PersonId person, UserId lead, AgencyId leadAgency, Author openedBy, DateTimeOffset at)
    {
        var conversation = new Conversation(person, lead, at);
        conversation.members.Add(new ConversationMember(conversation.Id, MemberRole.Lead, lead, leadAgency, at, openedBy.UserId));
        var opened = new TimelineEntry(conversation, EntryKind.Opened, at, at, openedBy).AboutWorker(lead);
        return (conversation, opened);
    }

    public ConversationState StateAt(Moment moment, TimeSpan quietAfter) =>
        StateOf(RestingUntil, LastSuccessfulContactAt, OpenedAt, moment, quietAfter);

    /// <summary>The one rule for where a conversation stands, for callers that read its fields without loading it.</summary>
    public static ConversationState StateOf(
        DateOnly? restingUntil, DateTimeOffset? lastSuccessfulContactAt, DateTimeOffset openedAt, Moment moment, TimeSpan quietAfter)
    {
        if (restingUntil is { } until && moment.Today < until)
        {
            return ConversationState.Resting;
        }

        var lastReached = lastSuccessfulContactAt ?? openedAt;
        return moment.Now - lastReached > quietAfter ? ConversationState.Quiet : ConversationState.Active;
    }

    /// <summary>A conversation with the person (a visit, a call, a meeting…): a successful contact.</summary>
    public IReadOnlyList<TimelineEntry> RecordConversation(
        ContactMethod method, string text, string? location, string? whoWasThere, DateTimeOffset occurredAt, Author author, Moment moment, TimeSpan quietAfter)
    {
        var entry = new TimelineEntry(this, EntryKind.Conversation, occurredAt, moment.Now, author)
            .WithContact(method, ContactOutcome.Reached, location, whoWasThere)
            .WithText(text);
        return [entry, .. AfterContact(entry, moment, quietAfter)];
    }

    /// <summary>A try to reach the person. One that does not reach them keeps the conversation open and is counted.</summary>
    public IReadOnlyList<TimelineEntry> RecordAttempt(
        ContactMethod method, ContactOutcome outcome, string? text, DateTimeOffset occurredAt, Author author, Moment moment, TimeSpan quietAfter)
    {
        var entry = new TimelineEntry(this, EntryKind.ContactAttempt, occurredAt, moment.Now, author)
            .WithContact(method, outcome, null, null)
            .WithText(text);
        return [entry, .. AfterContact(entry, moment, quietAfter)];
    }

    public TimelineEntry AddNote(string text, DateTimeOffset occurredAt, Author author, DateTimeOffset now) =>
        new TimelineEntry(this, EntryKind.Note, occurredAt, now, author).WithText(Guard.Text(text, TimelineEntry.TextMaxLength, "The note"));

    /// <summary>A rating was recorded: the entry says which instrument, the total and the change since the first.</summary>
    public TimelineEntry RecordRated(string summary, DateTimeOffset occurredAt, Author author, DateTimeOffset now) =>
        new TimelineEntry(this, EntryKind.Rated, occurredAt, now, author).WithText(Guard.Text(summary, TimelineEntry.ShortTextMaxLength, "The summary"));

    /// <summary>Demand that fell on an agency, at the time it happened: the entry says what, in a line.</summary>
    public TimelineEntry RecordDemand(string summary, DateTimeOffset occurredAt, Author author, DateTimeOffset now) =>
        new TimelineEntry(this, EntryKind.DemandRecorded, occurredAt, now, author).WithText(Guard.Text(summary, TimelineEntry.ShortTextMaxLength, "The summary"));

    /// <summary>The plan or the person's strengths changed: the entry says what, in a line.</summary>
    public TimelineEntry RecordPlanChange(EntryKind kind, string summary, Author author, DateTimeOffset now)
    {
        if (kind is not (EntryKind.PlanChanged or EntryKind.StrengthRecorded))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        var text = summary.Length > TimelineEntry.ShortTextMaxLength ? summary[..(TimelineEntry.ShortTextMaxLength - 1)] + "…" : summary;
        return new TimelineEntry(this, kind, now, now, author).WithText(text);
    }

    public TimelineEntry AddPartnerContribution(AgencyId from, string text, DateTimeOffset occurredAt, Author author, DateTimeOffset now) =>
        new TimelineEntry(this, EntryKind.PartnerContribution, occurredAt, now, author)
            .WithAgency(from)
            .WithText(Guard.Text(text, TimelineEntry.TextMaxLength, "What the partner said"));

    /// <summary>The person asked for space. The conversation rests until the check-back date, or until they are next reached.</summary>
    public IReadOnlyList<TimelineEntry> Rest(DateOnly checkBackOn, string reason, Author author, Moment moment, TimeSpan quietAfter)
    {
        if (checkBackOn <= moment.Today)
        {
            throw new BusinessRuleException("The check-back date must be after today.");
        }

        RestingUntil = checkBackOn;
        var entry = new TimelineEntry(this, EntryKind.RestingStarted, moment.Now, moment.Now, author)
            .WithState(ConversationState.Resting, checkBackOn)
            .WithText(Guard.Text(reason, ReasonMaxLength, "The reason"));
        return [entry, .. Reconcile(moment, quietAfter)];
    }

    /// <summary>Ends a rest early, by a worker's choice.</summary>
    public IReadOnlyList<TimelineEntry> EndRest(string reason, Author author, Moment moment, TimeSpan quietAfter)
    {
        if (RestingUntil is null)
        {
            throw new BusinessRuleException("This conversation is not resting.");
        }

        RestingUntil = null;
        var entry = new TimelineEntry(this, EntryKind.RestingEnded, moment.Now, moment.Now, author).WithText(Guard.Text(reason, ReasonMaxLength, "The reason"));
        return [entry, .. Reconcile(moment, quietAfter)];
    }

    /// <summary>
    /// Brings the recorded state up to date: ends a rest whose check-back date has come, and records on the timeline
    /// any change of state since it was last recorded (going quiet, coming back).
    /// </summary>
    public IReadOnlyList<TimelineEntry> Reconcile(Moment moment, TimeSpan quietAfter)
    {
        var entries = new List<TimelineEntry>();
        if (RestingUntil is { } until && moment.Today >= until)
        {
            RestingUntil = null;
            entries.Add(new TimelineEntry(this, EntryKind.RestingEnded, moment.Now, moment.Now, Author.System)
                .WithText("The check-back date has come."));
        }

        var state = StateAt(moment, quietAfter);
        if (state != LastKnownState)
        {
            LastKnownState = state;
            LastKnownStateAt = moment.Now;
            entries.Add(new TimelineEntry(this, EntryKind.StateChanged, moment.Now, moment.Now, Author.System).WithState(state, RestingUntil));
        }

        return entries;
    }

    public IReadOnlyList<TimelineEntry> ChangeLead(UserId newLead, AgencyId newLeadAgency, string? reason, Author author, DateTimeOffset now)
    {
        if (newLead == LeadWorkerId)
        {
            throw new BusinessRuleException("They are already the lead key worker.");
        }

        // The previous lead stays in the team around the person, as a worker, until they choose to leave it.
        var previous = Lead;
        previous?.Leave(now, author.UserId);
        if (previous?.WorkerId is { } previousLead && !members.Any(m => m.IsCurrent && m.WorkerId == previousLead))
        {
            members.Add(new ConversationMember(Id, MemberRole.Worker, previousLead, previous.AgencyId, now, author.UserId));
        }

        LeadWorkerId = newLead;
        var alreadyMember = members.SingleOrDefault(m => m.Role == MemberRole.Worker && m.WorkerId == newLead && m.IsCurrent);
        alreadyMember?.Leave(now, author.UserId);
        members.Add(new ConversationMember(Id, MemberRole.Lead, newLead, newLeadAgency, now, author.UserId));
        return
        [
            new TimelineEntry(this, EntryKind.LeadWorkerChanged, now, now, author).AboutWorker(newLead).WithText(
                string.IsNullOrWhiteSpace(reason) ? null : Guard.Text(reason, ReasonMaxLength, "The reason")),
        ];
    }

    /// <summary>Adds another worker, or an agency, to the team around the person.</summary>
    public TimelineEntry Join(MemberRole role, UserId? worker, AgencyId agency, Author author, DateTimeOffset now)
    {
        if (role == MemberRole.Lead)
        {
            throw new BusinessRuleException("Change the lead key worker instead.");
        }

        var already = role == MemberRole.Worker
            ? members.Any(m => m.IsCurrent && m.WorkerId == worker)
            : members.Any(m => m.IsCurrent && m.Role == MemberRole.Agency && m.AgencyId == agency);
        if (already)
        {
            throw new BusinessRuleException("They are already in the team around this person.");
        }

        var member = new ConversationMember(Id, role, role == MemberRole.Worker ? worker : null, agency, now, author.UserId);
        members.Add(member);
        var entry = new TimelineEntry(this, EntryKind.TeamMemberJoined, now, now, author).WithAgency(agency);
        return member.WorkerId is { } joined ? entry.AboutWorker(joined) : entry;
    }

    public TimelineEntry Leave(MemberId memberId, Author author, DateTimeOffset now)
    {
        var member = members.SingleOrDefault(m => m.Id == memberId && m.IsCurrent)
                     ?? throw new BusinessRuleException("They are not in the team around this person now.");
        if (member.Role == MemberRole.Lead)
        {
            throw new BusinessRuleException("The lead key worker cannot leave: change the lead key worker first.");
        }

        member.Leave(now, author.UserId);
        var entry = new TimelineEntry(this, EntryKind.TeamMemberLeft, now, now, author).WithAgency(member.AgencyId);
        return member.WorkerId is { } worker ? entry.AboutWorker(worker) : entry;
    }

    /// <summary>
    /// Passes the person on to another service. It is counted. The lead normally keeps the conversation; if not, a
    /// new lead must be named, so the conversation is never left without one.
    /// </summary>
    public IReadOnlyList<TimelineEntry> HandOff(
        string toService, AgencyId? toAgency, string reason, bool leadKeepsConversation, (UserId Worker, AgencyId Agency)? newLead,
        DateTimeOffset occurredAt, Author author, DateTimeOffset now)
    {
        if (!leadKeepsConversation && newLead is null)
        {
            throw new BusinessRuleException("Name the new lead key worker, or keep the conversation with the current one.");
        }

        var service = Guard.Text(toService, TimelineEntry.ShortTextMaxLength, "Who they were passed on to");
        var why = Guard.Text(reason, ReasonMaxLength, "The reason");
        var entries = new List<TimelineEntry>
        {
            new TimelineEntry(this, EntryKind.HandOff, occurredAt, now, author)
                .WithHandOff(service, toAgency, leadKeepsConversation, leadKeepsConversation ? null : newLead!.Value.Worker)
                .WithText(why),
        };
        HandOffCount++;
        if (toAgency is { } agency && !members.Any(m => m.IsCurrent && m.AgencyId == agency && m.Role == MemberRole.Agency))
        {
            entries.Add(Join(MemberRole.Agency, null, agency, author, now));
        }

        if (!leadKeepsConversation)
        {
            entries.AddRange(ChangeLead(newLead!.Value.Worker, newLead.Value.Agency, "Passed on: " + reason.Trim(), author, now));
        }

        return entries;
    }

    /// <summary>Takes over what a merged-away record's conversation knew: contacts, attempts and hand-offs.</summary>
    public TimelineEntry AbsorbMerged(Conversation merged, PersonId mergedPerson, Author author, Moment moment, TimeSpan quietAfter, out IReadOnlyList<TimelineEntry> stateChanges)
    {
        if (merged.LastSuccessfulContactAt > LastSuccessfulContactAt || LastSuccessfulContactAt is null)
        {
            LastSuccessfulContactAt = merged.LastSuccessfulContactAt ?? LastSuccessfulContactAt;
            AttemptsSinceContact = merged.AttemptsSinceContact;
        }

        HandOffCount += merged.HandOffCount;
        var entry = new TimelineEntry(this, EntryKind.RecordMerged, moment.Now, moment.Now, author)
            .WithText($"Another record for the same person ({mergedPerson}) was merged into this one.");
        stateChanges = Reconcile(moment, quietAfter);
        return entry;
    }

    private IEnumerable<TimelineEntry> AfterContact(TimelineEntry entry, Moment moment, TimeSpan quietAfter)
    {
        if (entry.IsSuccessfulContact)
        {
            if (LastSuccessfulContactAt is null || entry.OccurredAt > LastSuccessfulContactAt)
            {
                LastSuccessfulContactAt = entry.OccurredAt;
                AttemptsSinceContact = 0;
            }

            if (RestingUntil is not null)
            {
                RestingUntil = null;
                yield return new TimelineEntry(this, EntryKind.RestingEnded, moment.Now, moment.Now, Author.System)
                    .WithText("The person was reached, so the conversation is no longer resting.");
            }
        }
        else if (LastSuccessfulContactAt is null || entry.OccurredAt > LastSuccessfulContactAt)
        {
            AttemptsSinceContact++;
        }

        foreach (var change in Reconcile(moment, quietAfter))
        {
            yield return change;
        }
    }
}
