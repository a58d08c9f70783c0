using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Application.Tests.People;
using Locality.Domain.Conversations;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Locality.Application.Tests.Conversations;

public sealed class ConversationTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    private static readonly TestCurrentUser System = new(null, null, null, [Roles.System]);

    [Fact]
    public async Task AVisit_TwoFailedAttempts_AndACall_AreAllOnTheTimeline_AndTheAttemptsAreCounted()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);

        await app.SendAsync(new RecordConversation(person.Id, ContactMethod.Visit, "Talked about the allotment", "Their flat", "Their sister"), worker);
        app.Clock.Advance(TimeSpan.FromDays(2));
        await app.SendAsync(new RecordContactAttempt(person.Id, ContactMethod.Phone, ContactOutcome.NotReached, "No answer"), worker);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.SendAsync(new RecordContactAttempt(person.Id, ContactMethod.Visit, ContactOutcome.NotReached, "Nobody in"), worker);
        var afterAttempts = await app.SendAsync(new GetPersonPage(person.Id), worker);
        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.SendAsync(new RecordConversation(person.Id, ContactMethod.Phone, "They rang back"), worker);
        var page = await app.SendAsync(new GetPersonPage(person.Id), worker);

        Assert.Equal(2, afterAttempts.AttemptsSinceContact);
        Assert.Equal(0, page.AttemptsSinceContact);
        Assert.Equal(ConversationState.Active, page.State);
        Assert.Equal(
            [EntryKind.Conversation, EntryKind.ContactAttempt, EntryKind.ContactAttempt, EntryKind.Conversation, EntryKind.Opened],
            page.Timeline.Entries.Select(e => e.Kind));
        var visit = page.Timeline.Entries.Last(e => e.Kind == EntryKind.Conversation);
        Assert.Equal(("Their flat", "Their sister", worker.AgencyId!.Value.Value), (visit.Location, visit.WhoWasThere, page.Team[0].AgencyId));
    }

    [Fact]
    public async Task TheDailyCheck_RecordsGoingQuiet_OnceOnly_AndAContactRecordsComingBack()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        app.Clock.Advance(TimeSpan.FromDays(15));

        var first = await app.SendAsync(new ReconcileConversationStates(), System);
        var second = await app.SendAsync(new ReconcileConversationStates(), System);
        var quiet = await app.SendAsync(new GetPersonPage(person.Id), worker);
        var day = await app.SendAsync(new GetMyDay(), worker);
        await app.SendAsync(new RecordConversation(person.Id, ContactMethod.Visit, "Found them at the hub"), worker);
        var back = await app.SendAsync(new GetPersonPage(person.Id), worker);

        Assert.True(first.Changed >= 1);
        Assert.Equal(0, second.Changed);
        Assert.Equal(ConversationState.Quiet, quiet.State);
        Assert.Single(quiet.Timeline.Entries, e => e.Kind == EntryKind.StateChanged && e.NewState == ConversationState.Quiet && e.AuthorId is null);
        Assert.Contains(day.KeepTrying, p => p.PersonId == person.Id && p.DaysSinceContact >= 15);
        Assert.Equal(ConversationState.Active, back.State);
        Assert.Equal(ConversationState.Active, back.Timeline.Entries.First(e => e.Kind == EntryKind.StateChanged).NewState);
    }

    [Fact]
    public async Task TheDailyCheck_IsForTheServiceOrAnAdministrator_NotWorkers()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ReconcileConversationStates(), worker));
    }

    [Fact]
    public async Task Resting_WithoutACheckBackDate_IsAFieldError_AndWithOneEndsOnThatDate()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var today = Common.Time.UkCalendar.Now(app.Clock).Today;

        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new RestConversation(person.Id, null, "Space"), worker));
        var past = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new RestConversation(person.Id, today, "Space"), worker));
        await app.SendAsync(new RestConversation(person.Id, today.AddDays(21), "Wants three weeks to settle into the new job"), worker);
        var resting = await app.SendAsync(new GetPersonPage(person.Id), worker);
        app.Clock.Advance(TimeSpan.FromDays(21));
        await app.SendAsync(new ReconcileConversationStates(), System);
        var after = await app.SendAsync(new GetPersonPage(person.Id), worker);

        Assert.Equal(["Enter the date to check back with them"], missing.Errors["CheckBackOn"]);
        Assert.Equal(["The check-back date must be in the future"], past.Errors["CheckBackOn"]);
        Assert.Equal(ConversationState.Resting, resting.State);
        Assert.Equal(today.AddDays(21), resting.RestingUntil);
        Assert.Null(after.RestingUntil);
        Assert.Contains(after.Timeline.Entries, e => e.Kind == EntryKind.RestingEnded && e.AuthorId is null);
        Assert.NotEqual(ConversationState.Resting, after.State);
    }

    [Fact]
    public async Task AnEntryDatedInTheFuture_IsAFieldError_ButBackDatingIsFine()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);

        var future = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new AddNote(person.Id, "Tomorrow's note", app.Clock.GetUtcNow().AddDays(2)), worker));
        var entries = await app.SendAsync(new AddNote(person.Id, "Written up late", app.Clock.GetUtcNow().AddDays(-3)), worker);

        Assert.Equal(["The date must be today or in the past"], future.Errors["OccurredAt"]);
        Assert.Equal(app.Clock.GetUtcNow().AddDays(-3), Assert.Single(entries).OccurredAt);
        Assert.Equal(app.Clock.GetUtcNow(), entries[0].RecordedAt);
    }

    [Fact]
    public async Task AnAmendment_NeedsAReason_AndLeavesTheOriginalVisible()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var note = (await app.SendAsync(new AddNote(person.Id, "Rang the GP surgery"), worker)).Single();

        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new AmendEntry(person.Id, note.Id, " ", "Rang the pharmacy", 0), worker));
        var amended = await app.SendAsync(new AmendEntry(person.Id, note.Id, "Wrong place named", "Rang the pharmacy", 0), worker);

        Assert.Equal(["Enter why it needs correcting"], noReason.Errors["Reason"]);
        Assert.Equal("Rang the GP surgery", amended.Text);
        Assert.Equal("Rang the pharmacy", amended.CurrentText);
        var correction = Assert.Single(amended.Amendments);
        Assert.Equal((1, "Wrong place named"), (correction.Sequence, correction.Reason));
    }

    [Fact]
    public async Task TwoWorkersAmendingTheSameEntryAtOnce_OneGetsAConflict()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var colleague = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        await app.SendAsync(new AddTeamMember(person.Id, colleague.UserId!.Value.Value, null), worker);
        var note = (await app.SendAsync(new AddNote(person.Id, "Original"), worker)).Single();

        var results = await Task.WhenAll(
            Attempt(() => app.SendAsync(new AmendEntry(person.Id, note.Id, "Typo", "Correction A", 0), worker)),
            Attempt(() => app.SendAsync(new AmendEntry(person.Id, note.Id, "Typo", "Correction B", 0), colleague)),
            Attempt(() => app.SendAsync(new AmendEntry(person.Id, note.Id, "Typo", "Correction C", 0), colleague)));

        Assert.Equal(1, results.Count(r => r == "saved"));
        Assert.Equal(2, results.Count(r => r == "conflict"));
        var stale = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new AmendEntry(person.Id, note.Id, "Typo", "Late", 0), worker));
        Assert.Equal(ConflictKind.StaleVersion, stale.Kind);
    }

    [Fact]
    public async Task TimelineEntries_CannotBeChangedOrDeleted_ThroughEfCoreOrStraightSql()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var note = (await app.SendAsync(new AddNote(person.Id, "Keep me"), worker)).Single();

        var viaEf = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.TimelineEntries.Remove(await db.TimelineEntries.SingleAsync(e => e.Id == new TimelineEntryId(note.Id)));
            await db.SaveChangesAsync();
        }));
        var update = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE timeline_entries SET text = 'changed' WHERE id = {note.Id}")));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"DELETE FROM timeline_entries WHERE id = {note.Id}")));

        Assert.Contains("only ever added", viaEf.Message);
        Assert.Contains("only ever added", update.MessageText);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState); // the hosts' role may not delete from it at all
        Assert.Equal("Keep me", (await app.SendAsync(new GetTimeline(person.Id), worker)).Entries.Single(e => e.Id == note.Id).Text);
    }

    [Fact]
    public async Task PassingOn_NeedsAReason_IsCounted_AndTheTeamLeadSeesWhoIsPassedOnMost()
    {
        var lead = await app.CreateUserAsync(Roles.TeamLead);
        var worker = lead with { UserId = (await app.CreateUserAsync(Roles.KeyWorker)).UserId, Roles = [Roles.KeyWorker] };
        await app.WithDbAsync(async db =>
        {
            await db.StaffMembers.Where(s => s.Id == worker.UserId!.Value).ExecuteUpdateAsync(s => s.SetProperty(m => m.TeamId, lead.TeamId!.Value));
        });
        var often = await PeopleMaker.AddAsync(app, worker);
        var once = await PeopleMaker.AddAsync(app, worker);

        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new PassOn(often.Id, "Drug and alcohol service", null, ""), worker));
        for (var i = 0; i < 3; i++)
        {
            await app.SendAsync(new PassOn(often.Id, $"Service {i}", null, "Needs specialist support"), worker);
        }

        await app.SendAsync(new PassOn(once.Id, "Housing", null, "Arrears"), worker);
        var most = await app.SendAsync(new GetPassedOnMost(MyTeamOnly: true), lead);

        Assert.Equal(["Enter why they are being passed on"], noReason.Errors["Reason"]);
        Assert.Equal([(often.Id, 3), (once.Id, 1)], most.Select(p => (p.PersonId, p.HandOffCount)));
        Assert.Equal(3, (await app.SendAsync(new GetPersonPage(often.Id), worker)).HandOffCount);
    }

    [Fact]
    public async Task PassingOn_WhenTheLeadLetsGo_NeedsANewLead_WhoThenLeads()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var next = await app.CreateWorkerInTeamOfAsync(worker);
        var person = await PeopleMaker.AddAsync(app, worker);

        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new PassOn(person.Id, "Mental health team", null, "Crisis support", LeadKeepsConversation: false), worker));
        await app.SendAsync(new PassOn(person.Id, "Mental health team", null, "Crisis support", false, next.UserId!.Value.Value), worker);
        var page = await app.SendAsync(new GetPersonPage(person.Id), worker);

        Assert.Equal(["Select who will be the lead key worker now"], missing.Errors["NewLeadWorkerId"]);
        Assert.Equal(next.UserId!.Value.Value, page.LeadWorkerId);
    }

    [Fact]
    public async Task ChangingTheLead_KeepsExactlyOneLead_AndTheDatabaseRefusesASecond()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var next = await app.CreateWorkerInTeamOfAsync(worker);
        var person = await PeopleMaker.AddAsync(app, worker);

        await app.SendAsync(new ChangeLeadWorker(person.Id, next.UserId!.Value.Value, "Moving to the north team"), worker);
        var page = await app.SendAsync(new GetPersonPage(person.Id), worker);
        var sneaky = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO conversation_members (id, conversation_id, role, worker_id, agency_id, joined_at) VALUES ({Guid.NewGuid()}, {page.ConversationId}, 'Lead', {worker.UserId!.Value.Value}, {worker.AgencyId!.Value.Value}, now())")));

        Assert.Single(page.CurrentTeam, m => m.Role == MemberRole.Lead);
        Assert.Equal(next.UserId!.Value.Value, page.CurrentTeam.Single(m => m.Role == MemberRole.Lead).WorkerId);
        Assert.Contains(page.Team, m => m.Role == MemberRole.Lead && m.WorkerId == worker.UserId!.Value.Value && m.LeftAt is not null);
        Assert.Contains(page.Timeline.Entries, e => e.Kind == EntryKind.LeadWorkerChanged && e.Text == "Moving to the north team");
        Assert.Equal("23P01", sneaky.SqlState);
    }

    [Fact]
    public async Task TheTeamAroundThePerson_RecordsWhoJoinsAndLeaves()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var colleague = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);

        await app.SendAsync(new AddTeamMember(person.Id, colleague.UserId!.Value.Value, null), worker);
        var twice = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new AddTeamMember(person.Id, colleague.UserId!.Value.Value, null), worker));
        var joined = await app.SendAsync(new GetPersonPage(person.Id), worker);
        var member = joined.CurrentTeam.Single(m => m.WorkerId == colleague.UserId!.Value.Value);
        await app.SendAsync(new RemoveTeamMember(person.Id, member.MemberId), worker);
        var left = await app.SendAsync(new GetPersonPage(person.Id), worker);

        Assert.Contains("already", twice.Message);
        Assert.DoesNotContain(left.CurrentTeam, m => m.WorkerId == colleague.UserId!.Value.Value);
        Assert.NotNull(left.Team.Single(m => m.MemberId == member.MemberId).LeftAt);
        Assert.Equal([EntryKind.TeamMemberLeft, EntryKind.TeamMemberJoined], left.Timeline.Entries.Take(2).Select(e => e.Kind));
    }

    [Fact]
    public async Task MyDay_IsForYourOwnPeople_AndATeamLeadCanSeeTheirTeam()
    {
        var lead = await app.CreateUserAsync(Roles.TeamLead);
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var stranger = await app.CreateUserAsync(Roles.KeyWorker);
        await app.WithDbAsync(db => db.StaffMembers.Where(s => s.Id == worker.UserId!.Value)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.TeamId, lead.TeamId!.Value)));
        worker = worker with { TeamId = lead.TeamId };
        var person = await PeopleMaker.AddAsync(app, worker);

        var mine = await app.SendAsync(new GetMyDay(), worker);
        var asLead = await app.SendAsync(new GetMyDay(worker.UserId!.Value.Value), lead);
        var team = await app.SendAsync(new GetTeamDay(), lead);

        Assert.Equal(person.Id, Assert.Single(mine.People).PersonId);
        Assert.Equal(person.Id, Assert.Single(asLead.People).PersonId);
        Assert.Equal(1, team.Members.Single(m => m.WorkerId == worker.UserId!.Value.Value).People);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetMyDay(worker.UserId!.Value.Value), stranger));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetTeamDay(stranger.TeamId!.Value.Value), lead));
    }

    [Fact]
    public async Task TheTimeline_PagesNewestFirst_WithoutSkippingEntriesThatShareATime()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var sameTime = app.Clock.GetUtcNow().AddHours(-1);
        for (var i = 0; i < 60; i++)
        {
            await app.SendAsync(new AddNote(person.Id, $"Note {i}", i < 55 ? sameTime : null), worker);
        }

        var first = await app.SendAsync(new GetTimeline(person.Id), worker);
        var second = await app.SendAsync(new GetTimeline(person.Id, first.OlderCursor), worker);
        var bogus = await app.SendAsync(new GetTimeline(person.Id, "not-a-cursor"), worker);

        Assert.Equal(50, first.Entries.Count);
        Assert.Equal(11, second.Entries.Count);
        Assert.Null(second.OlderCursor);
        Assert.Equal(61, first.Entries.Concat(second.Entries).Select(e => e.Id).Distinct().Count());
        Assert.Equal(50, bogus.Entries.Count);
    }

    private static async Task<string> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return "saved";
        }
        catch (ConflictException e) when (e.Kind == ConflictKind.StaleVersion)
        {
            return "conflict";
        }
    }
}
