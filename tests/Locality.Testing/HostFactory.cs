using Locality.Domain.Organisations;
using Locality.Infrastructure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Locality.Testing;

/// <summary>
/// A real host (the API or the web front end) on a real 127.0.0.1 port, over a database of its own, with a clock the
/// test controls. Share one per test class.
/// </summary>
public abstract class HostFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>, IAsyncLifetime
    where TEntryPoint : class
{
    private readonly TestDatabase? shared;
    private TestDatabase? database;

    protected HostFactory() => UseKestrel(0);

    /// <summary>A second instance of a host over another host's database, as when several instances run behind a balancer.</summary>
    protected HostFactory(TestDatabase shared)
        : this() => this.shared = shared;

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not started.");

    /// <summary>The host's clock: real time at the start, moved only by tests.</summary>
    public FakeTimeProvider Clock { get; } = new(ApplicationHarness.TruncateToMicroseconds(DateTimeOffset.UtcNow));

    /// <summary>Where a client or a browser reaches the host.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = shared ?? await TestDatabase.CreateAsync();
        StartServer();
        using var client = CreateClient();
        BaseAddress = client.BaseAddress!;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null && shared is null)
        {
            await database.DropAsync();
        }
    }

    public Task<StaffAccount> CreateAccountAsync(string role, AgencyKind kind = AgencyKind.Council, TeamId? inTeam = null) =>
        StaffAccounts.CreateAsync(Services, role, kind, inTeam: inTeam);

    /// <summary>
    /// A code the authenticator app of the account with this email shows now on the host's clock, not yet used in this
    /// run; "000000" (never a real code's only chance) for an email with no account or no authenticator.
    /// </summary>
    public async Task<string> NextCodeAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        var secret = user is null ? null : await users.GetAuthenticatorKeyAsync(user);
        return string.IsNullOrEmpty(secret) ? "000000" : StaffAccount.NextCode(new UserId(user!.Id), secret, Clock.GetUtcNow());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Locality", Database.ConnectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");

        // Tests sign in far more often than people do, all from 127.0.0.1; the rate-limit tests set their own limits.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:PartnerApiPerMinute", "100000");
        builder.UseSetting("RateLimits:ApiPerMinute", "100000");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
