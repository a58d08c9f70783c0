using Locality.Domain.Common;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Domain.Tests.Conversations;

public sealed class ConversationTests
{
    private static readonly TimeSpan QuietAfter = TimeSpan.FromDays(14);
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly UserId Worker = UserId.New();
    private static readonly AgencyId Council = AgencyId.New();
    private static readonly Author ByWorker = new(Worker, Council);

    private static Moment At(DateTimeOffset now) => new(now, DateOnly.FromDateTime(now.UtcDateTime));

    private static Conversation Open() => Conversation.Open(PersonId.New(), Worker, Council, ByWorker, Start).Conversation;

    [Fact]
    public void ANewConversation_IsActive_WithItsLeadAsTheOnlyMember()
    {
        var (conversation, opened) = Conversation.Open(PersonId.New(), Worker, Council, ByWorker, Start);

        Assert.Equal(ConversationState.Active, conversation.StateAt(At(Start), QuietAfter));
        Assert.Equal(EntryKind.Opened, opened.Kind);
        var lead = Assert.Single(conversation.Members);
        Assert.Equal((MemberRole.Lead, Worker), (lead.Role, lead.WorkerId!.Value));
    }

    [Fact]
    public void WithoutASuccessfulContactFor14Days_ItGoesQuiet_AndTheChangeIsRecorded()
    {
        var conversation = Open();

        Assert.Empty(conversation.Reconcile(At(Start.AddDays(14)), QuietAfter));
        var changes = conversation.Reconcile(At(Start.AddDays(14).AddMinutes(1)), QuietAfter);

        var change = Assert.Single(changes);
        Assert.Equal((EntryKind.StateChanged, ConversationState.Quiet), (change.Kind, change.NewState!.Value));
        Assert.Null(change.AuthorId);
        Assert.Empty(conversation.Reconcile(At(Start.AddDays(20)), QuietAfter));
    }

    [Fact]
    public void FailedAttempts_AreCounted_AndKeepItOpen_ThenAContactBringsItBack()
    {
        var conversation = Open();
        conversation.Reconcile(At(Start.AddDays(15)), QuietAfter);

        conversation.RecordAttempt(ContactMethod.Phone, ContactOutcome.NotReached, "No answer", Start.AddDays(15), ByWorker, At(Start.AddDays(15)), QuietAfter);
        conversation.RecordAttempt(ContactMethod.Visit, ContactOutcome.Declined, null, Start.AddDays(16), ByWorker, At(Start.AddDays(16)), QuietAfter);
        Assert.Equal(2, conversation.AttemptsSinceContact);
        Assert.Equal(ConversationState.Quiet, conversation.StateAt(At(Start.AddDays(16)), QuietAfter));

        var entries = conversation.RecordConversation(ContactMethod.Phone, "Talked about the allotment", null, null, Start.AddDays(17), ByWorker, At(Start.AddDays(17)), QuietAfter);

        Assert.Equal(0, conversation.AttemptsSinceContact);
        Assert.Equal([EntryKind.Conversation, EntryKind.StateChanged], entries.Select(e => e.Kind));
        Assert.Equal(ConversationState.Active, entries[1].NewState);
    }

    [Fact]
    public void AReachedAttempt_IsASuccessfulContact_ButADeclinedOneIsNot()
    {
        var conversation = Open();

        conversation.RecordAttempt(ContactMethod.Visit, ContactOutcome.Declined, null, Start.AddDays(1), ByWorker, At(Start.AddDays(1)), QuietAfter);
        Assert.Null(conversation.LastSuccessfulContactAt);
        conversation.RecordAttempt(ContactMethod.Visit, ContactOutcome.Reached, null, Start.AddDays(2), ByWorker, At(Start.AddDays(2)), QuietAfter);

        Assert.Equal(Start.AddDays(2), conversation.LastSuccessfulContactAt);
    }

    [Fact]
    public void ABackDatedContact_DoesNotMoveTheLastContactBackwards()
    {
        var conversation = Open();
        conversation.RecordConversation(ContactMethod.Visit, "Visit", null, null, Start.AddDays(5), ByWorker, At(Start.AddDays(5)), QuietAfter);

        conversation.RecordConversation(ContactMethod.Phone, "Earlier call, written up late", null, null, Start.AddDays(3), ByWorker, At(Start.AddDays(6)), QuietAfter);

        Assert.Equal(Start.AddDays(5), conversation.LastSuccessfulContactAt);
    }

    [Fact]
    public void Resting_NeedsACheckBackDateAfterToday()
    {
        var conversation = Open();

        Assert.Throws<BusinessRuleException>(() => conversation.Rest(DateOnly.FromDateTime(Start.UtcDateTime), "Wants space", ByWorker, At(Start), QuietAfter));
    }

    [Fact]
    public void Resting_IsNotQuiet_AndEndsOnItsCheckBackDate()
    {
        var conversation = Open();
        var checkBack = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(30);

        var rested = conversation.Rest(checkBack, "Asked for a month to focus on their new job", ByWorker, At(Start), QuietAfter);
        Assert.Equal([EntryKind.RestingStarted, EntryKind.StateChanged], rested.Select(e => e.Kind));
        Assert.Equal(ConversationState.Resting, conversation.StateAt(At(Start.AddDays(29)), QuietAfter));
        Assert.Empty(conversation.Reconcile(At(Start.AddDays(29)), QuietAfter));

        var changes = conversation.Reconcile(At(Start.AddDays(30)), QuietAfter);

        Assert.Equal([EntryKind.RestingEnded, EntryKind.StateChanged], changes.Select(e => e.Kind));
        Assert.Equal(ConversationState.Quiet, changes[1].NewState);
        Assert.Null(conversation.RestingUntil);
    }

    [Fact]
    public void Resting_EndsAsSoonAsThePersonIsReached()
    {
        var conversation = Open();
        conversation.Rest(DateOnly.FromDateTime(Start.UtcDateTime).AddDays(30), "Space", ByWorker, At(Start), QuietAfter);

        var entries = conversation.RecordConversation(ContactMethod.Phone, "They rang us", null, null, Start.AddDays(3), ByWorker, At(Start.AddDays(3)), QuietAfter);

        Assert.Equal([EntryKind.Conversation, EntryKind.RestingEnded, EntryKind.StateChanged], entries.Select(e => e.Kind));
        Assert.Equal(ConversationState.Active, conversation.StateAt(At(Start.AddDays(3)), QuietAfter));
    }

    [Fact]
    public void ChangingTheLead_LeavesExactlyOneCurrentLead_AndKeepsTheHistory()
    {
        var conversation = Open();
        var newLead = UserId.New();

        conversation.ChangeLead(newLead, Council, "Moving teams", ByWorker, Start.AddDays(1));

        Assert.Equal(newLead, conversation.LeadWorkerId);
        var leads = conversation.Members.Where(m => m.Role == MemberRole.Lead).ToList();
        Assert.Equal(2, leads.Count);
        Assert.Single(leads, l => l.IsCurrent);
        Assert.Equal(Start.AddDays(1), leads.Single(l => l.WorkerId == Worker).LeftAt);
        Assert.Throws<BusinessRuleException>(() => conversation.ChangeLead(newLead, Council, null, ByWorker, Start.AddDays(2)));
    }

    [Fact]
    public void AHandOff_IsCounted_AndTheAgencyJoinsTheTeam()
    {
        var conversation = Open();
        var housing = AgencyId.New();

        var entries = conversation.HandOff("Tenancy support", housing, "Rent arrears need specialist help", true, null, Start, ByWorker, Start);

        Assert.Equal(1, conversation.HandOffCount);
        Assert.Equal([EntryKind.HandOff, EntryKind.TeamMemberJoined], entries.Select(e => e.Kind));
        Assert.Equal(Worker, conversation.LeadWorkerId);
        Assert.Contains(conversation.Members, m => m.Role == MemberRole.Agency && m.AgencyId == housing);
    }

    [Fact]
    public void AHandOff_WhereTheLeadLetsGo_NeedsANewLead()
    {
        var conversation = Open();

        Assert.Throws<BusinessRuleException>(() => conversation.HandOff("Mental health team", null, "Crisis", false, null, Start, ByWorker, Start));
        Assert.Throws<BusinessRuleException>(() => conversation.HandOff("Mental health team", null, " ", true, null, Start, ByWorker, Start));
        Assert.Equal(0, conversation.HandOffCount);
    }

    [Fact]
    public void TheLead_CannotJustLeave()
    {
        var conversation = Open();

        Assert.Throws<BusinessRuleException>(() => conversation.Leave(conversation.Lead!.Id, ByWorker, Start));
    }

    [Fact]
    public void SystemEntries_CannotBeAmended_ButWorkersEntriesCan()
    {
        var conversation = Open();
        var change = conversation.Reconcile(At(Start.AddDays(30)), QuietAfter).Single();
        var note = conversation.AddNote("Rang the GP", Start, ByWorker, Start);

        Assert.Throws<BusinessRuleException>(() => new TimelineAmendment(change, 1, "Wrong", "Right", ByWorker, Start));
        var amendment = new TimelineAmendment(note, 1, "Wrong surgery named", "Rang the practice nurse", ByWorker, Start);
        Assert.Equal(note.Id, amendment.EntryId);
        Assert.Equal("Rang the GP", note.Text);
    }

    [Fact]
    public void AnEntryDatedInTheFuture_IsRefused()
    {
        var conversation = Open();

        Assert.Throws<BusinessRuleException>(() => conversation.AddNote("From tomorrow", Start.AddDays(2), ByWorker, Start));
    }
}
