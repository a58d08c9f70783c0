using Bogus;
using Person = Locality.Domain.People.Person;
using Locality.Application.Common.Time;
using Locality.Domain.Common;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Infrastructure.Persistence;

namespace Locality.Infrastructure.Seeding;

/// <summary>
/// People for the demo, each with a conversation that has been going for a while, written through the domain so every
/// rule holds: some active, some gone quiet after tries that did not reach them, one resting, some passed on.
/// </summary>
internal sealed class DemoConversations(
    LocalityDbContext db, Faker faker, DemoTown place, IReadOnlyDictionary<AgencyKind, AgencyId> agencies, DateTimeOffset now, TimeSpan quietAfter)
{
    private static readonly string[] WhatMatters =
    [
        "Getting my grandchildren back for weekends", "Keeping my flat", "Getting back to the allotment", "Feeling safe at home",
        "Going back to the football on Saturdays", "Finding work, any work", "Seeing my sister again", "Staying off the drink",
        "Learning to read better", "Sleeping through the night", "Getting my dog back from the rescue", "Singing in the choir again",
    ];

    private static readonly string[] Conversations =
    [
        "Talked about how the week has gone. Things are calmer at home.", "Went with them to the food bank and talked on the way.",
        "Helped fill in the housing form together. They did most of it.", "Talked about the allotment group on Thursdays; they want to try it.",
        "They were low today. We agreed to talk again on Friday.", "Met at the community hub. They stayed for the lunch club.",
        "Talked through the letter from the council together.", "Walked to the GP surgery together for the appointment.",
    ];

    private static readonly string[] SafetyNotes =
    [
        "Large dog in the house: ring before visiting", "Visit in pairs after dark", "Ex-partner not to be told where they live",
    ];

    private Author author;

    /// <summary>The people added, in order: the first key worker's first.</summary>
    public List<Person> People { get; } = [];

    public void Add(IReadOnlyList<StaffMember> workers, AgencyId workerAgency, int peoplePerWorker)
    {
        var story = 0;
        foreach (var worker in workers)
        {
            author = new Author(worker.Id, workerAgency);
            for (var i = 0; i < peoplePerWorker; i++)
            {
                AddPerson(worker, workerAgency, story++ % 6);
            }
        }
    }

    private void AddPerson(StaffMember worker, AgencyId workerAgency, int story)
    {
        var opened = now.AddDays(-faker.Random.Int(40, 200)).AddHours(-faker.Random.Int(0, 8));
        var given = faker.PickRandom(DemoPlaces.FirstNames.ToArray());
        var family = faker.PickRandom(DemoPlaces.FamilyNames.ToArray());
        var postcode = $"{faker.PickRandom(place.PostcodeDistricts.ToArray())} {faker.Random.Int(1, 9)}{faker.Random.String2(2, "ABDEFGHJLNPQRSTUWXYZ")}";
        var details = new PersonDetails(
            GivenName: given,
            FamilyName: family,
            PreferredName: story == 2 ? given[..Math.Min(3, given.Length)] : null,
            DateOfBirth: DateOnly.FromDateTime(opened.UtcDateTime).AddYears(-faker.Random.Int(19, 78)).AddDays(-faker.Random.Int(0, 364)),
            ApproximateAge: null,
            NhsNumber: null,
            AddressLine1: $"{faker.Random.Int(1, 120)} {faker.PickRandom(DemoPlaces.Streets.ToArray())}",
            AddressLine2: null,
            Town: place.Name,
            Postcode: Postcode.Parse(postcode),
            Uprn: null,
            Phone: $"07700 900{faker.Random.Int(100, 999)}",
            Email: null,
            CommunicationNeeds: story == 4 ? "Prefers text messages to calls" : null,
            SafetyNotes: story is 1 or 5 ? faker.PickRandom(SafetyNotes) : null,
            WhatMattersToMe: faker.PickRandom(WhatMatters));
        var person = new Person(PersonId.New(), details, UkCalendar.DateOf(opened));
        var (conversation, openedEntry) = Conversation.Open(person.Id, worker.Id, workerAgency, author, opened);
        db.People.Add(person);
        People.Add(person);
        db.Conversations.Add(conversation);
        db.TimelineEntries.Add(openedEntry);

        var at = opened;
        var lastDay = story == 3 ? now.AddDays(-faker.Random.Int(20, 35)) : now.AddDays(-faker.Random.Int(0, 6));
        while (at < lastDay)
        {
            at = at.AddDays(faker.Random.Int(3, 12)).AddMinutes(faker.Random.Int(0, 300));
            if (at >= lastDay)
            {
                break;
            }

            var moment = new Moment(at, UkCalendar.DateOf(at));
            Add(faker.Random.Int(0, 9) switch
            {
                < 5 => conversation.RecordConversation(
                    faker.PickRandom(ContactMethod.Visit, ContactMethod.Phone, ContactMethod.Meeting), faker.PickRandom(Conversations), null, null, at, author, moment, quietAfter),
                < 8 => conversation.RecordAttempt(
                    faker.PickRandom(ContactMethod.Phone, ContactMethod.TextMessage, ContactMethod.Visit), faker.PickRandom(ContactOutcome.NotReached, ContactOutcome.NotReached, ContactOutcome.Declined),
                    null, at, author, moment, quietAfter),
                8 => [conversation.AddPartnerContribution(
                    agencies[faker.PickRandom(AgencyKind.Police, AgencyKind.Health, AgencyKind.Housing)],
                    faker.PickRandom("Officers attended a disturbance; no arrests.", "Missed the practice nurse appointment.", "Rent account is now up to date."),
                    at, author, at)],
                _ => [conversation.AddNote("Rang round to check the appointment letter arrived.", at, author, at)],
            });
            Add(conversation.Reconcile(moment, quietAfter));
        }

        var end = new Moment(now, UkCalendar.DateOf(now));
        if (story == 3)
        {
            for (var tries = 0; tries < 2; tries++)
            {
                var when = now.AddDays(-faker.Random.Int(1, 8));
                Add(conversation.RecordAttempt(ContactMethod.Phone, ContactOutcome.NotReached, "No answer; left a message", when, author, end, quietAfter));
            }
        }

        if (story == 4)
        {
            Add(conversation.Rest(end.Today.AddDays(faker.Random.Int(10, 40)), "Asked for a few weeks to settle into the new job", author, end, quietAfter));
        }

        if (story is 1 or 5)
        {
            Add(conversation.HandOff("Drug and alcohol service", null, "They asked for specialist help with their drinking", true, null, now.AddDays(-faker.Random.Int(5, 30)), author, now));
        }

        if (story == 5)
        {
            Add(conversation.HandOff("Housing options", agencies[AgencyKind.Housing], "Facing eviction: needs the housing team's advice", true, null, now.AddDays(-2), author, now));
        }

        Add(conversation.Reconcile(end, quietAfter));
    }

    private void Add(IEnumerable<TimelineEntry> entries) => db.TimelineEntries.AddRange(entries);
}
