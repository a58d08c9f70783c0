using Bogus;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Locality.Application.Conversations;

namespace Locality.Infrastructure.Seeding;

/// <summary>
/// A believable demo locality: one place, an agency of every kind, their teams, a sign-in for every role, people
/// whose conversations have a history (visits, tries, quiet spells, a rest, hand-offs and partners' news), and
/// sharing (agreements with partners, and people's consent or a lawful basis), and for some people strengths, a
/// plan, community connections and Chaos Index ratings over time.
/// Repeatable (fixed random seed) and run only when asked; it does nothing if the demo is already there.
/// </summary>
public sealed class DemoSeeder(
    LocalityDbContext db, IIdentityService identity, UserManager<ApplicationUser> users, SecondFactors secondFactors, TimeProvider clock, IOptions<ConversationOptions> options, ILogger<DemoSeeder> logger)
{
    private const int RandomSeed = 20261122;

    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.StaffMembers.AnyAsync(s => s.Email == DemoLocality.SignIns[0].Email, cancellationToken))
        {
            logger.LogInformation("The demo locality is already there; nothing to do.");
            return false;
        }

        var faker = new Faker("en_GB") { Random = new Randomizer(RandomSeed) };
        var quietAfter = options.Value.QuietAfter;
        T Pick<T>(IReadOnlyList<T> items) => items[faker.Random.Int(0, items.Count - 1)];
        var place = Pick(DemoPlaces.Towns);
        string Person() => $"{Pick(DemoPlaces.FirstNames)} {Pick(DemoPlaces.FamilyNames)}";

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locality = new LocalityArea(LocalityId.New(), $"{place.Name} and district");
        db.Localities.Add(locality);

        var agencies = new Dictionary<AgencyKind, (Agency Agency, Team Team)>();
        foreach (var (kind, agencyName, teamName) in AgencyPlan(place))
        {
            var agency = new Agency(AgencyId.New(), agencyName, kind);
            var team = new Team(TeamId.New(), teamName, agency.Id, locality.Id);
            db.Agencies.Add(agency);
            db.Teams.Add(team);
            agencies[kind] = (agency, team);
        }

        var council = agencies[AgencyKind.Council].Team;
        var workers = new List<StaffMember>
        {
            await AddSignInAsync(Person(), DemoLocality.SignIns[0].Email, council, Roles.KeyWorker, cancellationToken),
            await AddSignInAsync(Person(), DemoLocality.SignIns[1].Email, council, Roles.TeamLead, cancellationToken),
        };
        await AddSignInAsync(Person(), DemoLocality.SignIns[2].Email, agencies[AgencyKind.Police].Team, Roles.PartnerViewer, cancellationToken);
        var admin = await AddSignInAsync(Person(), DemoLocality.SignIns[3].Email, council, Roles.Admin, cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            var name = Person();
            var email = $"{name.ToLowerInvariant().Replace(' ', '.').Replace("'", string.Empty)}@demo.locality.test";
            workers.Add(await AddSignInAsync(name, email, council, Roles.KeyWorker, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        var agencyIds = agencies.ToDictionary(a => a.Key, a => a.Value.Agency.Id);
        var conversations = new DemoConversations(db, faker, place, agencyIds, clock.GetUtcNow(), quietAfter);
        conversations.Add(workers, council.AgencyId, peoplePerWorker: 8);
        new DemoSharing(db, agencyIds, clock.GetUtcNow()).Add(admin, workers[0], council.AgencyId, conversations.People);
        var chaosIndex = await db.Instruments.SingleAsync(i => i.Key == Domain.Ratings.Instrument.ChaosIndexKey, cancellationToken);
        new DemoPlans(db, clock.GetUtcNow(), Application.Common.Time.UkCalendar.Now(clock).Today).Add(workers[0], council.AgencyId, locality.Id, conversations.People, chaosIndex);
        new DemoDemand(db, faker, agencyIds, clock.GetUtcNow()).Add(council, workers[1], conversations.People, Application.Common.Time.UkCalendar.Now(clock).Today);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded the demo locality {Locality}.", locality.Name);
        return true;
    }

    /// <summary>Gives each demo account its known authenticator key, if it has none (a demo database made before second factors).</summary>
    public static async Task EnsureAuthenticatorsAsync(IServiceProvider provider)
    {
        var users = provider.GetRequiredService<UserManager<ApplicationUser>>();
        var secondFactors = provider.GetRequiredService<SecondFactors>();
        foreach (var signIn in DemoLocality.SignIns)
        {
            if (await users.FindByEmailAsync(signIn.Email) is { } user && string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
            {
                await secondFactors.UseKnownAuthenticatorAsync(user, DemoLocality.AuthenticatorSecret(signIn.Email));
            }
        }
    }

    private async Task<StaffMember> AddSignInAsync(string name, string email, Team team, string role, CancellationToken cancellationToken)
    {
        var member = new StaffMember(UserId.New(), name, email, team.Id);
        db.StaffMembers.Add(member);
        var problems = await identity.CreateLoginAsync(member.Id, member.Email, DemoLocality.Password, [role], cancellationToken);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Could not create the demo sign-in {email}: {string.Join("; ", problems)}");
        }

        // The printed demo accounts come with an authenticator app whose key is printed too.
        if (DemoLocality.SignIns.Any(s => s.Email == member.Email))
        {
            await secondFactors.UseKnownAuthenticatorAsync((await users.FindByIdAsync(member.Id.Value.ToString()))!, DemoLocality.AuthenticatorSecret(member.Email));
        }

        return member;
    }

    private static IEnumerable<(AgencyKind Kind, string Agency, string Team)> AgencyPlan(DemoTown place) =>
    [
        (AgencyKind.Council, $"{place.Name} Council", "Locality key workers"),
        (AgencyKind.Police, place.PoliceForce, $"{place.Name} neighbourhood policing team"),
        (AgencyKind.Health, $"{place.Name} Medical Practice", "Practice care coordinators"),
        (AgencyKind.Housing, $"{place.Name} Homes", "Tenancy sustainment"),
        (AgencyKind.DomesticAbuseService, $"{place.Name} Domestic Abuse Service", "Outreach"),
        (AgencyKind.VoluntarySector, $"{place.Name} Community Hub", "Community connectors"),
        (AgencyKind.Other, $"{place.Name} Jobcentre", "Work coaches"),
    ];
}
