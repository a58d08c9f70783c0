using System.Text.Json;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Application.Plans;
using Locality.Application.Tests.People;
using Locality.Domain.Community;
using Locality.Domain.Conversations;
using Locality.Domain.Plans;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Locality.Application.Tests.Plans;

public sealed class PlanTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task APlanWithTwoGoalsAndFourSteps_OwnedByThePersonAWorkerAnAgencyAndAGroup_IsReviewed_AndEveryChangeIsKeptAndOnTheTimeline()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var group = await GroupAsync(worker, "Thursday walking group");
        var today = UkCalendar.Now(app.Clock).Today;

        var plan = await app.SendAsync(new AddStrength(person.Id, StrengthKind.Skill, "Brilliant with her hands: fixed the whole street's bikes", "Her neighbour"), worker);
        plan = await app.SendAsync(new AddStrength(person.Id, StrengthKind.Relationship, "Close to her sister Jean", "She said"), worker);
        plan = await app.SendAsync(new SetGoodLife(person.Id, "A place of my own and seeing Jean every week", plan.Version), worker);
        plan = await app.SendAsync(new AddGoal(person.Id, "I want to keep my flat", plan.Version), worker);
        plan = await app.SendAsync(new AddGoal(person.Id, "I want to get out more", plan.Version), worker);
        var (flat, outMore) = (plan.Goals[0].Id, plan.Goals[1].Id);
        app.Clock.Advance(TimeSpan.FromDays(5));
        today = UkCalendar.Now(app.Clock).Today;
        plan = await app.SendAsync(new AddStep(person.Id, flat, "Open the letters from the council with Jean", StepOwnerKind.ThePerson, null, today.AddDays(3), null, plan.Version), worker);
        plan = await app.SendAsync(new AddStep(person.Id, flat, "Ring the housing officer about the arrears", StepOwnerKind.Worker, worker.UserId!.Value.Value, today.AddDays(-1), "She has given consent to talk to them", plan.Version), worker);
        plan = await app.SendAsync(new AddStep(person.Id, flat, "Set up a repayment plan", StepOwnerKind.Agency, worker.AgencyId!.Value.Value, today.AddDays(30), null, plan.Version), worker);
        plan = await app.SendAsync(new AddStep(person.Id, outMore, "Try the Thursday walk", StepOwnerKind.CommunityGroup, group.Id, today.AddDays(10), null, plan.Version), worker);
        var beforeReview = plan.Number;
        plan = await app.SendAsync(new RecordPlanReview(person.Id, today, "Her, Jean and me", "The letters are open; arrears call made", today.AddMonths(3), plan.Version), worker);

        Assert.Equal(["Brilliant with her hands: fixed the whole street's bikes", "Close to her sister Jean"], plan.Strengths.Select(s => s.Text));
        Assert.Equal("A place of my own and seeing Jean every week", plan.GoodLife);
        Assert.Equal([3, 1], plan.Goals.Select(g => g.Steps.Count));
        Assert.Equal([StepOwnerKind.ThePerson, StepOwnerKind.Worker, StepOwnerKind.Agency], plan.Goals[0].Steps.Select(s => s.OwnerKind));
        Assert.Equal("Thursday walking group", plan.Goals[1].Steps[0].OwnerName);
        Assert.Equal([false, true, false], plan.Goals[0].Steps.Select(s => s.IsOverdue));
        Assert.Equal(today.AddMonths(3), plan.NextReviewOn);
        Assert.Equal("Her, Jean and me", Assert.Single(plan.Reviews).WhoTookPart);
        Assert.Equal(beforeReview + 1, plan.Number);
        Assert.Equal(plan.Number, plan.History.Count);
        var timeline = await app.SendAsync(new GetTimeline(person.Id), worker);
        Assert.Equal(plan.Number, timeline.Entries.Count(e => e.Kind == EntryKind.PlanChanged));
        Assert.Equal(2, timeline.Entries.Count(e => e.Kind == EntryKind.StrengthRecorded));
        Assert.Contains(timeline.Entries, e => e.Text == "Added a goal: I want to keep my flat");

        var day = await app.SendAsync(new GetMyDay(), worker);
        Assert.Equal(["Ring the housing officer about the arrears", "Open the letters from the council with Jean"], day.StepsDue.Select(s => s.Step));
        Assert.True(day.StepsDue[0].IsOverdue);
    }

    [Fact]
    public async Task ThePlan_CanBeSeenAsItStoodOnAnEarlierDay()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var firstDay = UkCalendar.Now(app.Clock).Today;
        var plan = await app.SendAsync(new AddGoal(person.Id, "I want to sleep better", 0), worker);
        plan = await app.SendAsync(new AddStep(person.Id, plan.Goals[0].Id, "See the GP about sleep", StepOwnerKind.ThePerson, null, firstDay.AddDays(14), null, plan.Version), worker);
        app.Clock.Advance(TimeSpan.FromDays(20));
        var goal = plan.Goals[0];
        plan = await app.SendAsync(new ChangeStep(person.Id, goal.Id, goal.Steps[0].Id, "See the GP about sleep", StepOwnerKind.ThePerson, null, firstDay.AddDays(14), StepStatus.Done, null, null, plan.Version), worker);
        plan = await app.SendAsync(new AddGoal(person.Id, "I want to cook for myself", plan.Version), worker);

        var then = await app.SendAsync(new GetPlan(person.Id, firstDay), worker);
        var before = await app.SendAsync(new GetPlan(person.Id, firstDay.AddDays(-1)), worker);

        Assert.Equal(["I want to sleep better", "I want to cook for myself"], plan.Goals.Select(g => g.Text));
        Assert.Equal(StepStatus.Done, plan.Goals[0].Steps[0].Status);
        Assert.Equal(["I want to sleep better"], then.Goals.Select(g => g.Text));
        Assert.Equal(StepStatus.NotStarted, then.Goals[0].Steps[0].Status);
        Assert.Equal(2, then.Number);
        Assert.Empty(before.Goals);
        await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE plan_versions SET summary = 'nothing' WHERE person_id = {person.Id}")));
    }

    [Fact]
    public async Task AStepWithAnOwnerWhoDoesNotExist_ADueDateBeforeThePlan_OrNoLongerNeededWithoutAReason_IsRefusedNamingTheField()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var today = UkCalendar.Now(app.Clock).Today;
        var plan = await app.SendAsync(new AddGoal(person.Id, "I want a job", 0), worker);
        var goal = plan.Goals[0].Id;

        var noSuchWorker = await RefusedAsync(new AddStep(person.Id, goal, "Help with a CV", StepOwnerKind.Worker, Guid.NewGuid(), null, null, plan.Version), worker);
        var noSuchGroup = await RefusedAsync(new AddStep(person.Id, goal, "Job club", StepOwnerKind.CommunityGroup, Guid.NewGuid(), null, null, plan.Version), worker);
        var early = await RefusedAsync(new AddStep(person.Id, goal, "Help with a CV", StepOwnerKind.ThePerson, null, today.AddDays(-1), null, plan.Version), worker);
        plan = await app.SendAsync(new AddStep(person.Id, goal, "Help with a CV", StepOwnerKind.ThePerson, null, null, null, plan.Version), worker);
        var step = plan.Goals[0].Steps[0].Id;
        var noReason = await RefusedAsync(new ChangeStep(person.Id, goal, step, "Help with a CV", StepOwnerKind.ThePerson, null, null, StepStatus.NoLongerNeeded, " ", null, plan.Version), worker);
        var stale = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new AddGoal(person.Id, "Another", plan.Version - 1), worker));

        Assert.Contains("does not exist", noSuchWorker["OwnerId"][0]);
        Assert.Contains("does not exist", noSuchGroup["OwnerId"][0]);
        Assert.Equal(["The due date cannot be before the plan was started"], early["DueOn"]);
        Assert.Equal(["Say why the step is no longer needed"], noReason["Reason"]);
        Assert.Equal(ConflictKind.StaleVersion, stale.Kind);
        Assert.Single((await app.SendAsync(new GetPlan(person.Id), worker)).Goals);
    }

    [Fact]
    public async Task ConnectingPeopleToGroups_IsRecorded_CanBeAPlanStep_AndTheTeamLeadSeesTheGroupsConnectedMost()
    {
        var teamLead = await app.CreateUserAsync(Roles.TeamLead);
        var worker = await app.CreateWorkerInTeamOfAsync(teamLead);
        var walking = await GroupAsync(worker, "Walk and talk " + Guid.NewGuid().ToString("N")[..4]);
        var choir = await GroupAsync(worker, "Community choir " + Guid.NewGuid().ToString("N")[..4]);
        var today = UkCalendar.Now(app.Clock).Today;
        var ada = await PeopleMaker.AddAsync(app, worker);
        var bea = await PeopleMaker.AddAsync(app, worker);
        var plan = await app.SendAsync(new AddGoal(ada.Id, "I want to get out of the house", 0), worker);

        plan = await app.SendAsync(new ConnectToGroup(ada.Id, walking.Id, "She did", today, plan.Goals[0].Id, plan.Version), worker);
        var connection = Assert.Single(plan.Connections);
        plan = await app.SendAsync(new RecordConnection(ada.Id, connection.Id, true, true, connection.Version), worker);
        await app.SendAsync(new ConnectToGroup(bea.Id, walking.Id, "Her GP", today), worker);
        await app.SendAsync(new ConnectToGroup(bea.Id, choir.Id, "Me", today), worker);
        var impossible = await RefusedAsync(new RecordConnection(ada.Id, connection.Id, false, true, plan.Connections[0].Version), worker);
        var noGroup = await RefusedAsync(new ConnectToGroup(ada.Id, Guid.NewGuid(), "Me", today), worker);

        Assert.Equal((true, true), (plan.Connections[0].Went, plan.Connections[0].StillGoing));
        Assert.Equal($"Go to {walking.Name}", plan.Goals[0].Steps.Single().Description);
        Assert.Equal(StepOwnerKind.CommunityGroup, plan.Goals[0].Steps.Single().OwnerKind);
        Assert.Equal(["Someone who has not been cannot still be going"], impossible["StillGoing"]);
        Assert.Equal(["Choose a group from the directory"], noGroup["GroupId"]);
        var most = await app.SendAsync(new GetGroupsConnectedMost(), teamLead);
        Assert.Equal([(walking.Name, 2, 1, 1), (choir.Name, 1, 0, 0)], most.Select(g => (g.GroupName, g.Connected, g.Went, g.StillGoing)));
        Assert.Contains(await app.SendAsync(new GetCommunityGroups(), worker), g => g.Id == choir.Id);
    }

    [Fact]
    public async Task AStepOwnedByThePerson_SentWithAMergedAwayId_IsNamedFromTheSurvivor()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var survivor = await PeopleMaker.AddAsync(app, worker);
        var duplicate = await PeopleMaker.AddAsync(app, worker);
        await app.SendAsync(new MergePeople(survivor.Id, duplicate.Id, "Same person: same NHS number on a GP letter"), worker);
        var plan = await app.SendAsync(new AddGoal(duplicate.Id, "I want a job", 0), worker);

        plan = await app.SendAsync(new AddStep(duplicate.Id, plan.Goals[0].Id, "Write a CV", StepOwnerKind.ThePerson, null, null, null, plan.Version), worker);

        Assert.Equal("Them: " + survivor.GivenName, plan.Goals[0].Steps[0].OwnerName);
    }

    [Fact]
    public async Task APlansGoalAndStepIds_AreStoredInItsJsonAsBareGuids()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var plan = await app.SendAsync(new AddGoal(person.Id, "I want a job", 0), worker);
        plan = await app.SendAsync(new AddStep(person.Id, plan.Goals[0].Id, "Write a CV", StepOwnerKind.ThePerson, null, null, null, plan.Version), worker);

        var stored = await app.WithDbAsync(db => db.Database.SqlQuery<string>($"SELECT content::text AS \"Value\" FROM plans WHERE person_id = {person.Id}").SingleAsync());

        using var json = JsonDocument.Parse(stored);
        var goal = json.RootElement.GetProperty("goals")[0];
        Assert.Equal(plan.Goals[0].Id, goal.GetProperty("id").GetGuid());
        Assert.Equal(plan.Goals[0].Steps[0].Id, goal.GetProperty("steps")[0].GetProperty("id").GetGuid());
    }

    private async Task<CommunityGroupDto> GroupAsync(TestCurrentUser worker, string name)
    {
        var locality = await app.WithDbAsync(db => db.Teams.Where(t => t.Id == worker.TeamId!.Value).Select(t => t.LocalityId).SingleAsync());
        return await app.SendAsync(new SaveCommunityGroup(
            null, locality.Value, name, GroupKind.PeerSupport, "A gentle walk and a cup of tea", "Thursdays 10am, from the library", "Ask at the library desk", "Flat route; benches every 10 minutes",
            UkCalendar.Now(app.Clock).Today), worker);
    }

    private async Task<IReadOnlyDictionary<string, string[]>> RefusedAsync<T>(MediatR.IRequest<T> request, TestCurrentUser worker) =>
        (await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(request, worker))).Errors;
}
