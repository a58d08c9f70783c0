using Locality.Domain.Access;
using Locality.Application.Common.Time;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Infrastructure.Persistence;

namespace Locality.Infrastructure.Seeding;

/// <summary>
/// Sharing in the demo locality: agreements with the police, the GP practice and housing; the first key worker's
/// people mostly agreeing to share with the police and the practice, one refusing, one agreeing to the practice only,
/// and one shared with the police without consent, on a safeguarding basis. So the police partner viewer sees some
/// people, some parts of their records, and not others.
/// </summary>
internal sealed class DemoSharing(LocalityDbContext db, IReadOnlyDictionary<AgencyKind, AgencyId> agencies, DateTimeOffset now)
{
    public void Add(StaffMember admin, StaffMember keyWorker, AgencyId council, IReadOnlyList<Person> people)
    {
        var today = UkCalendar.DateOf(now);
        var setUp = new Author(admin.Id, council);
        var police = agencies[AgencyKind.Police];
        var practice = agencies[AgencyKind.Health];
        db.SharingAgreements.AddRange(
            new SharingAgreement(police, [RecordSection.IdentityAndContact, RecordSection.Timeline, RecordSection.PoliceEntries, RecordSection.DemandEvents],
                mayContribute: true, today.AddYears(-1), today.AddYears(2), "Information sharing agreement for the neighbourhood team, signed by both data protection officers", setUp, now.AddYears(-1)),
            new SharingAgreement(practice, [RecordSection.IdentityAndContact, RecordSection.Timeline, RecordSection.HealthEntries, RecordSection.ChaosIndexRatings],
                mayContribute: true, today.AddMonths(-8), null, "Care coordinators at the practice", setUp, now.AddMonths(-8)),
            new SharingAgreement(agencies[AgencyKind.Housing], [RecordSection.IdentityAndContact, RecordSection.StrengthsAndPlan],
                mayContribute: false, today.AddMonths(-3), today.AddYears(1), null, setUp, now.AddMonths(-3)));

        for (var i = 0; i < Math.Min(5, people.Count); i++)
        {
            db.ConsentRecords.Add(new ConsentRecord(
                people[i].Id, ConsentDecision.Given, [police.Value, practice.Value], [], i % 2 == 0 ? ConsentMethod.Verbal : ConsentMethod.Written,
                today.AddMonths(6), "Talked through what the police and the practice would see, and why", keyWorker.Id, now.AddDays(-30 + i)));
        }

        if (people.Count > 6)
        {
            db.ConsentRecords.Add(new ConsentRecord(
                people[5].Id, ConsentDecision.Refused, [police.Value], [], ConsentMethod.Verbal, today.AddMonths(3),
                "Does not want the police to know about our work together", keyWorker.Id, now.AddDays(-20)));
            db.ConsentRecords.Add(new ConsentRecord(
                people[6].Id, ConsentDecision.Given, [practice.Value], [RecordSection.IdentityAndContact, RecordSection.HealthEntries], ConsentMethod.Written,
                today.AddMonths(6), "Happy for the practice to see health entries only", keyWorker.Id, now.AddDays(-15)));
        }

        if (people.Count > 7)
        {
            db.LawfulBases.Add(new LawfulBasis(
                people[7].Id, police, LawfulBasisKind.Safeguarding, [RecordSection.IdentityAndContact, RecordSection.PoliceEntries],
                "Serious risk of harm from a former partner: referred to the multi-agency risk assessment conference",
                "Team lead, with the police safeguarding lead", today.AddDays(-10), today.AddMonths(3)));
        }
    }
}
