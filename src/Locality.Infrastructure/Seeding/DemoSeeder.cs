using Bogus;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Locality.Infrastructure.Seeding;

/// <summary>
/// A believable demo locality: one place, an agency of every kind, their teams, and a sign-in for every role.
/// Repeatable (fixed random seed) and run only when asked; it does nothing if the demo is already there.
/// </summary>
public sealed class DemoSeeder(LocalityDbContext db, IIdentityService identity, ILogger<DemoSeeder> logger)
{
    private const int RandomSeed = 20261122;

    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.StaffMembers.AnyAsync(s => s.Email == DemoLocality.SignIns[0].Email, cancellationToken))
        {
            logger.LogInformation("The demo locality is already there; nothing to do.");
            return false;
        }

        Randomizer.Seed = new Random(RandomSeed);
        var faker = new Faker("en_GB");
        var town = faker.Address.City();
        var county = faker.Address.County();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locality = new LocalityArea(LocalityId.New(), $"{town} and district");
        db.Localities.Add(locality);

        var agencies = new Dictionary<AgencyKind, (Agency Agency, Team Team)>();
        foreach (var (kind, agencyName, teamName) in AgencyPlan(town, county))
        {
            var agency = new Agency(AgencyId.New(), agencyName, kind);
            var team = new Team(TeamId.New(), teamName, agency.Id, locality.Id);
            db.Agencies.Add(agency);
            db.Teams.Add(team);
            agencies[kind] = (agency, team);
        }

        var council = agencies[AgencyKind.Council].Team;
        await AddSignInAsync(faker.Name.FullName(), DemoLocality.SignIns[0].Email, council, Roles.KeyWorker, cancellationToken);
        await AddSignInAsync(faker.Name.FullName(), DemoLocality.SignIns[1].Email, council, Roles.TeamLead, cancellationToken);
        await AddSignInAsync(faker.Name.FullName(), DemoLocality.SignIns[2].Email, agencies[AgencyKind.Police].Team, Roles.PartnerViewer, cancellationToken);
        await AddSignInAsync(faker.Name.FullName(), DemoLocality.SignIns[3].Email, council, Roles.Admin, cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            var name = faker.Name.FullName();
            var email = $"{name.ToLowerInvariant().Replace(' ', '.').Replace("'", string.Empty)}@demo.locality.test";
            await AddSignInAsync(name, email, council, Roles.KeyWorker, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded the demo locality {Locality}.", locality.Name);
        return true;
    }

    private async Task AddSignInAsync(string name, string email, Team team, string role, CancellationToken cancellationToken)
    {
        var member = new StaffMember(UserId.New(), name, email, team.Id);
        db.StaffMembers.Add(member);
        var problems = await identity.CreateLoginAsync(member.Id, member.Email, DemoLocality.Password, [role], cancellationToken);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Could not create the demo sign-in {email}: {string.Join("; ", problems)}");
        }
    }

    private static IEnumerable<(AgencyKind Kind, string Agency, string Team)> AgencyPlan(string town, string county) =>
    [
        (AgencyKind.Council, $"{town} Council", "Locality key workers"),
        (AgencyKind.Police, $"{county} Police", $"{town} neighbourhood policing team"),
        (AgencyKind.Health, $"{town} Medical Practice", "Practice care coordinators"),
        (AgencyKind.Housing, $"{town} Homes", "Tenancy sustainment"),
        (AgencyKind.DomesticAbuseService, $"{town} Domestic Abuse Service", "Outreach"),
        (AgencyKind.VoluntarySector, $"{town} Community Hub", "Community connectors"),
        (AgencyKind.Other, $"{town} Jobcentre", "Work coaches"),
    ];
}
