using Locality.Domain.Common;
using Locality.Domain.Community;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Domain.Plans;
using Locality.Domain.Ratings;
using Locality.Infrastructure.Persistence;

namespace Locality.Infrastructure.Seeding;

/// <summary>
/// Strengths, plans, community connections and Chaos Index ratings for the demo key worker's first people, written
/// through the domain like the rest of the demo, each change on the person's timeline.
/// </summary>
internal sealed class DemoPlans(LocalityDbContext db, DateTimeOffset now, DateOnly today)
{
    private static readonly int[][] Ratings =
    [
        [3, 1, 2, 2, 1, 3, 2, 4, 2, 3],
        [2, 1, 2, 1, 1, 2, 2, 3, 2, 2],
        [2, 0, 1, 1, 0, 2, 1, 2, 1, 1],
    ];

    public void Add(StaffMember worker, AgencyId council, LocalityId locality, IReadOnlyList<Person> people, Instrument chaosIndex)
    {
        var author = new Author(worker.Id, council);
        var groups = new[]
        {
            new CommunityGroup(locality, "Wednesday lunch club", GroupKind.Club, "A hot lunch and company", "Wednesdays 12 to 2, St Mary's church hall", "Ask for Pam on 01632 960 123", "Step-free; hearing loop", today.AddDays(-20)),
            new CommunityGroup(locality, "Walk and talk", GroupKind.PeerSupport, "A gentle walk with people who have been there", "Thursdays 10am from the library", "Just turn up", "Flat route with benches", today.AddDays(-5)),
            new CommunityGroup(locality, "Allotment volunteers", GroupKind.Volunteering, "Growing food together; no experience needed", "Saturdays, Mill Lane allotments", "allotments@example.org", null, today.AddDays(-40)),
        };
        db.CommunityGroups.AddRange(groups);

        for (var i = 0; i < Math.Min(4, people.Count); i++)
        {
            var person = people[i];
            var conversation = db.Conversations.Local.Single(c => c.PersonId == person.Id);
            Strength(conversation, person.Id, StrengthKind.PersonalQuality, "I make people laugh, even on a bad day", "Their neighbour", author, -60);
            Strength(conversation, person.Id, StrengthKind.Skill, i % 2 == 0 ? "I'm good at fixing things: I mended the hall's heater" : "I love cooking", "They said", author, -58);
            Strength(conversation, person.Id, StrengthKind.Relationship, "I'm close to my sister; she comes round on Sundays", "They said", author, -58);

            var plan = new Plan(person.Id, today.AddDays(-56));
            db.Plans.Add(plan);
            Change(conversation, plan.SetGoodLife("A home of my own, seeing my family, and something to get up for", worker.Id, now.AddDays(-56)), author);
            Change(conversation, plan.AddGoal("I want to keep my flat", worker.Id, now.AddDays(-56)), author);
            Change(conversation, plan.AddGoal("I want to get out more", worker.Id, now.AddDays(-56)), author);
            var (flat, outMore) = (plan.Content.Goals[0].Id, plan.Content.Goals[1].Id);
            Change(conversation, plan.AddStep(flat, "Open the post every morning", new StepOwner(StepOwnerKind.ThePerson, null, "Them: " + (person.PreferredName ?? person.GivenName)), today.AddDays(3), null, worker.Id, now.AddDays(-55)), author);
            Change(conversation, plan.AddStep(flat, "Ring the housing officer about the arrears", new StepOwner(StepOwnerKind.Worker, worker.Id.Value, worker.DisplayName), today.AddDays(i - 2), null, worker.Id, now.AddDays(-55)), author);
            var group = groups[i % groups.Length];
            Change(conversation, plan.AddStep(outMore, $"Go to {group.Name}", new StepOwner(StepOwnerKind.CommunityGroup, group.Id.Value, group.Name), today.AddDays(10), null, worker.Id, now.AddDays(-55)), author);
            Change(conversation, plan.RecordReview(today.AddDays(-14), "Them, their sister and me", "The post is being opened; first visit to the group", today.AddDays(70), today, worker.Id, now.AddDays(-14)), author);

            var connection = new Connection(person.Id, group.Id, "They did", today.AddDays(-50));
            connection.Record(true, i != 3, today.AddDays(-10));
            db.Connections.Add(connection);
            db.TimelineEntries.Add(conversation.RecordPlanChange(EntryKind.PlanChanged, $"Connected to {group.Name} (suggested by them)", author, now.AddDays(-50)));

            var version = chaosIndex.Current!;
            int? first = null;
            for (var r = 0; r < (i == 0 ? 3 : 2); r++)
            {
                var ratedOn = today.AddDays(-84 * ((i == 0 ? 2 : 1) - r));
                var steps = Ratings[r + (i == 0 ? 0 : 1)];
                var rating = Rating.Record(person.Id, version, ratedOn, true,
                    version.Definition.Domains.Select((d, k) => new DomainChoice(d.Key, Math.Min(d.Steps.Count - 1, steps[k]), null)).ToList(), author, new Moment(now, today));
                db.Ratings.Add(rating);
                var summary = first is { } baseline
                    ? $"{chaosIndex.Name}: {rating.Total} of {version.Definition.HighestTotal} (down {baseline - rating.Total} since the first rating, {baseline})"
                    : $"{chaosIndex.Name}: {rating.Total} of {version.Definition.HighestTotal}, the first rating";
                first ??= rating.Total;
                db.TimelineEntries.Add(conversation.RecordRated(summary, new DateTimeOffset(ratedOn.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero), author, now));
            }
        }
    }

    private void Strength(Conversation conversation, PersonId person, StrengthKind kind, string text, string noticedBy, Author author, int days)
    {
        var strength = new Strength(person, kind, text, noticedBy, author.UserId, now.AddDays(days));
        db.Strengths.Add(strength);
        db.TimelineEntries.Add(conversation.RecordPlanChange(EntryKind.StrengthRecorded, $"A strength: {text} (noticed by {Domain.Common.WhoWords.AfterBy(noticedBy)})", author, now.AddDays(days)));
    }

    private void Change(Conversation conversation, PlanVersion version, Author author)
    {
        db.PlanVersions.Add(version);
        db.TimelineEntries.Add(conversation.RecordPlanChange(EntryKind.PlanChanged, version.Summary, author, version.ChangedAt));
    }
}
