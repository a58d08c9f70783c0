using Locality.Application;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Persistence;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Locality.Testing;

/// <summary>
/// The application's real services (pipeline, handlers, validators, EF Core, identity) over a database of its own,
/// for sending requests as a chosen user. Share one per test class with <c>IClassFixture</c>.
/// </summary>
public class ApplicationHarness : IAsyncLifetime
{
    private ServiceProvider? provider;

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>The clock every service sees; starts at the real time and moves only when a test moves it.</summary>
    /// <summary>Whole microseconds, as PostgreSQL stores them, so what goes in compares equal to what comes out.</summary>
    public FakeTimeProvider Clock { get; } = new(TruncateToMicroseconds(DateTimeOffset.UtcNow));

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % (TimeSpan.TicksPerMillisecond / 1000)), TimeSpan.Zero);

    public IServiceProvider Services => provider ?? throw new InvalidOperationException("The harness has not started.");

    /// <summary>Settings to start with besides the connection string (a benchmark's chunk size, say); set before <see cref="InitializeAsync"/>.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{Locality.Infrastructure.DependencyInjection.ConnectionStringName}"] = Database.ConnectionString,
            })
            .AddInMemoryCollection(Settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning).AddProvider(Logs));
        services.AddApplication();
        services.AddInfrastructure(configuration, JobServer.QueuesOnly);
        services.AddLocalityIdentity();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddScoped<CurrentUserSlot>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUserSlot>().User);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async Task DisposeAsync()
    {
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }

        await Database.DropAsync();
    }

    /// <summary>Everything logged while the harness ran, for tests that check what reaches the logs.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Sends a request through the whole pipeline as the given user, in a scope of its own (like one HTTP request).</summary>
    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, ICurrentUser asUser)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserSlot>().User = asUser;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Works with the database directly, outside the pipeline, to arrange or inspect data.</summary>
    public async Task<T> WithDbAsync<T>(Func<LocalityDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LocalityDbContext>());
    }

    public async Task WithDbAsync(Func<LocalityDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<LocalityDbContext>());
    }

    /// <summary>Adds a locality, an agency and a team, with a staff member holding the role, and returns them as a sender.</summary>
    public async Task<TestCurrentUser> CreateUserAsync(string role, AgencyKind agencyKind = AgencyKind.Council)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var locality = new LocalityArea(LocalityId.New(), $"Locality {suffix}");
        var agency = new Agency(AgencyId.New(), $"{agencyKind} agency {suffix}", agencyKind);
        var team = new Team(TeamId.New(), $"Team {suffix}", agency.Id, locality.Id);
        var member = new StaffMember(UserId.New(), $"Worker {suffix}", $"worker.{suffix}@test.locality", team.Id);
        await WithDbAsync(async db =>
        {
            db.AddRange(locality, agency, team, member);

            // The role held in the identity store too (without a password), as rules about who may lead a record read it there.
            db.Users.Add(new ApplicationUser { Id = member.Id.Value, UserName = member.Email, NormalizedUserName = member.Email.ToUpperInvariant(), Email = member.Email, NormalizedEmail = member.Email.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString("N") });
            if (await db.Roles.Where(r => r.Name == role).Select(r => (Guid?)r.Id).SingleOrDefaultAsync() is { } roleId)
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = member.Id.Value, RoleId = roleId });
            }

            await db.SaveChangesAsync();
        });
        // The second factor given as they were made, by the harness's clock (which tests move on).
        return new TestCurrentUser(member.Id, agency.Id, team.Id, [role])
        {
            SignIn = new SignInStrength(Domain.Access.SignInMethod.PasswordAndAuthenticator, null, true, Clock.GetUtcNow()),
        };
    }

    public Task<TestCurrentUser> CreateAdminAsync() => CreateUserAsync(Roles.Admin);

    /// <summary>A key worker in the same team (and agency) as <paramref name="teamLead"/>.</summary>
    public async Task<TestCurrentUser> CreateWorkerInTeamOfAsync(TestCurrentUser teamLead)
    {
        var worker = await CreateUserAsync(Roles.KeyWorker);
        await WithDbAsync(db => db.StaffMembers.Where(s => s.Id == worker.UserId!.Value)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.TeamId, teamLead.TeamId!.Value)));
        return worker with { TeamId = teamLead.TeamId, AgencyId = teamLead.AgencyId };
    }
}
