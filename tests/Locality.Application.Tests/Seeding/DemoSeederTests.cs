using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Domain.Conversations;
using Locality.Infrastructure.Seeding;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Application.Tests.Seeding;

public sealed class DemoSeederTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task TheDemo_HasEveryRole_PeopleWithHistories_AndIsSeededOnlyOnce()
    {
        Assert.True(await SeedAsync());
        Assert.False(await SeedAsync());

        var (signIns, agencyKinds, conversations, entries) = await app.WithDbAsync(async db => (
            await db.StaffMembers.CountAsync(),
            await db.Agencies.Select(a => a.Kind).Distinct().CountAsync(),
            await db.Conversations.AsNoTracking().ToListAsync(),
            await db.TimelineEntries.CountAsync()));
        var moment = Common.Time.UkCalendar.Now(app.Clock);
        var states = conversations.GroupBy(c => c.StateAt(moment, TimeSpan.FromDays(14))).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(7, signIns);
        Assert.Equal(7, agencyKinds);
        Assert.Equal(40, conversations.Count);
        Assert.True(entries > 200, $"{entries} entries");
        Assert.True(states.GetValueOrDefault(ConversationState.Quiet) > 0, "some people have gone quiet");
        Assert.True(states.GetValueOrDefault(ConversationState.Resting) > 0, "someone is resting");
        Assert.Contains(conversations, c => c.HandOffCount == 2);
        Assert.All(conversations, c => Assert.Equal(c.StateAt(moment, TimeSpan.FromDays(14)), c.LastKnownState));

        var keyWorker = await app.WithDbAsync(db => db.StaffMembers.SingleAsync(s => s.Email == DemoLocality.SignIns[0].Email));
        var day = await app.SendAsync(new GetMyDay(), new TestCurrentUser(keyWorker.Id, null, keyWorker.TeamId, [Roles.KeyWorker]));
        Assert.Equal(8, day.People.Count);

        // The police partner viewer sees the key worker's people who agreed to share with the police (five), and the
        // one shared on a safeguarding basis: not the one who refused, nor the one who agreed to the practice only.
        var police = await app.WithDbAsync(db => db.StaffMembers.Join(db.Teams, s => s.TeamId, t => t.Id, (s, t) => new { s.Id, s.TeamId, t.AgencyId })
            .SingleAsync(s => s.Id == db.StaffMembers.Single(m => m.Email == DemoLocality.SignIns[2].Email).Id));
        var shared = await app.SendAsync(new Sharing.GetSharedPeople(), new TestCurrentUser(police.Id, police.AgencyId, police.TeamId, [Roles.PartnerViewer]));
        var keyWorkersPeople = day.People.Select(p => p.PersonId).ToHashSet();
        Assert.Equal(6, shared.Count);
        Assert.All(shared, p => Assert.Contains(p.Id, keyWorkersPeople));

        // Some of the key worker's people have strengths, a plan, a community connection and ratings that improve.
        var asKeyWorker = new TestCurrentUser(keyWorker.Id, null, keyWorker.TeamId, [Roles.KeyWorker]);
        var planned = 0;
        foreach (var person in day.People)
        {
            var plan = await app.SendAsync(new Application.Plans.GetPlan(person.PersonId), asKeyWorker);
            if (plan.Goals.Count == 0)
            {
                continue;
            }

            planned++;
            Assert.Equal(3, plan.Strengths.Count);
            Assert.Equal([2, 1], plan.Goals.Select(g => g.Steps.Count));
            Assert.Single(plan.Connections);
            var ratings = await app.SendAsync(new Application.Ratings.GetPersonRatings(person.PersonId), asKeyWorker);
            Assert.Equal(Application.Ratings.Trend.Improving, Assert.Single(ratings.Instruments).Trend);
        }

        Assert.Equal(4, planned);
        Assert.NotEmpty(day.StepsDue);
    }

    private async Task<bool> SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }
}
