using Bogus;
using Locality.Domain.Conversations;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Person = Locality.Domain.People.Person;

namespace Locality.Infrastructure.Seeding;

/// <summary>
/// Demand for the demo: each person's call-outs, attendances and appointments in the months before their conversation
/// began and since (fewer failure events after, as a team lead would hope to see), one address with repeat call-outs,
/// what the council team cost, and a price index series so money can be shown. The series is illustrative and says
/// so: an administrator enters the real HM Treasury GDP deflator before relying on money figures.
/// </summary>
internal sealed class DemoDemand(Persistence.LocalityDbContext db, Faker faker, IReadOnlyDictionary<AgencyKind, AgencyId> agencies, DateTimeOffset now)
{
    public const string IndexSource = "Illustrative demo series, not official figures: enter the HM Treasury GDP deflator";

    public void Add(Team team, StaffMember lead, IReadOnlyList<Person> people, DateOnly today)
    {
        var baseYear = FinancialYear.Of(today);
        var start = int.Parse(baseYear[..4], System.Globalization.CultureInfo.InvariantCulture);
        for (var year = 2000; year <= start; year++)
        {
            db.PriceIndices.Add(new PriceIndex($"{year}/{(year + 1) % 100:00}", Math.Round(100m * (decimal)Math.Pow(0.98, start - year), 2), IndexSource));
        }

        var settings = db.CostSettings.Local.SingleOrDefault() ?? db.CostSettings.SingleOrDefault();
        if (settings is null)
        {
            db.CostSettings.Add(new CostSettings(baseYear));
        }
        else
        {
            settings.ChoosePriceBase(baseYear);
        }

        var firstDay = new DateOnly(start - 1, 4, 1);
        db.ServiceCosts.Add(new ServiceCost(team.Id, firstDay, firstDay.AddYears(1).AddDays(-1), 180_000m, $"{start - 1}/{start % 100:00}", "Demo: staff, training and overheads", lead.Id));
        db.ServiceCosts.Add(new ServiceCost(team.Id, firstDay.AddYears(1), firstDay.AddYears(2).AddDays(-1), 186_000m, baseYear, "Demo: staff, training and overheads", lead.Id));

        var conversations = db.ChangeTracker.Entries<Conversation>().Select(e => e.Entity).ToDictionary(c => c.PersonId);
        var number = 0;
        foreach (var person in people.Where(p => conversations.ContainsKey(p.Id)))
        {
            var conversation = conversations[person.Id];
            var opened = conversation.OpenedAt;
            var street = $"{faker.Random.Int(1, 90)} {faker.PickRandom(DemoPlaces.Streets.ToArray())}";
            var postcode = person.Postcode;
            void Event(string type, AgencyKind agency, DateTimeOffset at, DemandClass kind, string? failure, int? attendance = null)
            {
                if (at > now)
                {
                    return;
                }

                var demand = new DemandEvent(type, agencies[agency], at, null, postcode, street, person.Id, $"DEMO-{++number:00000}", kind, failure, attendance, null, now);
                demand.CountIn(team.LocalityId, team.Id);
                db.DemandEvents.Add(demand);
                var name = DemandCatalogue.Types.Single(t => t.Code == type).Name;
                db.TimelineEntries.Add(conversation.RecordDemand(
                    $"{name}{(demand.IsMissedAppointment ? ", missed" : string.Empty)}: {(kind == DemandClass.Failure ? "failure" : "value")} demand", at, new Author(null, agencies[agency]), now));
            }

            // Before: the crisis that brought them in.
            for (var i = faker.Random.Int(2, 4); i > 0; i--)
            {
                Event("police-call-out", AgencyKind.Police, opened.AddDays(-faker.Random.Int(3, 85)), DemandClass.Failure, "REPEAT_CALLOUT");
            }

            Event("ae-attendance", AgencyKind.Health, opened.AddDays(-faker.Random.Int(3, 85)), DemandClass.Failure, "REPEAT");
            Event("gp-appointment", AgencyKind.Health, opened.AddDays(-faker.Random.Int(3, 85)), DemandClass.Failure, "DNA", 3);

            // Since: less coming back, and appointments kept.
            if (faker.Random.Bool(0.4f))
            {
                Event("police-call-out", AgencyKind.Police, opened.AddDays(faker.Random.Int(5, 80)), DemandClass.Failure, "REPEAT_CALLOUT");
            }

            Event("gp-appointment", AgencyKind.Health, opened.AddDays(faker.Random.Int(5, 80)), DemandClass.Value, null, 5);
        }
    }
}
