using Locality.Application.Conversations;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Jobs;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Locality.Web.Tests;

/// <summary>The real web host on a real 127.0.0.1 port over a database of its own. Share one per test class.</summary>
public sealed class WebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? database;

    public WebFactory() => UseKestrel(0);

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not started.");

    /// <summary>The host's clock: real time at the start, moved only by tests.</summary>
    public FakeTimeProvider Clock { get; } = new(ApplicationHarness.TruncateToMicroseconds(DateTimeOffset.UtcNow));

    /// <summary>Runs the daily conversation check as the scheduler would.</summary>
    public Task<ReconcileResult> RunDailyCheckAsync() => Services.GetRequiredService<ConversationStateJob>().RunAsync(CancellationToken.None);

    /// <summary>Where a browser reaches the host.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        StartServer();
        using var client = CreateClient();
        BaseAddress = client.BaseAddress!;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
        {
            await database.DropAsync();
        }
    }

    public Task<StaffAccount> CreateAccountAsync(string role, AgencyKind kind = AgencyKind.Council) =>
        StaffAccounts.CreateAsync(Services, role, kind);

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public FormClient NewClient() =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = BaseAddress });

    public async Task<FormClient> SignedInClientAsync(string role, AgencyKind kind = AgencyKind.Council)
    {
        var account = await CreateAccountAsync(role, kind);
        var client = NewClient();
        var response = await client.SubmitAsync("/sign-in", new() { ["Email"] = account.Email, ["Password"] = account.Password });
        if (response.Response.Headers.Location?.ToString() != "/")
        {
            throw new InvalidOperationException($"Signing in as {role} failed: {(int)response.Response.StatusCode} {response.Heading}");
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Locality", Database.ConnectionString);
        builder.UseSetting("Hangfire:RunServer", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
