using System.Net.Http.Headers;
using System.Net.Http.Json;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Locality.Api.Tests;

/// <summary>The real API host on a real 127.0.0.1 port over a database of its own. Share one per test class.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? database;

    public ApiFactory() => UseKestrel(0);

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not started.");

    /// <summary>The host's clock: real time at the start, moved only by tests.</summary>
    public FakeTimeProvider Clock { get; } = new(ApplicationHarness.TruncateToMicroseconds(DateTimeOffset.UtcNow));

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        StartServer();
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

    /// <summary>A client signed in as a new staff member holding the role, using a bearer token from the API itself.</summary>
    public async Task<(HttpClient Client, StaffAccount Account)> SignedInClientAsync(string role, AgencyKind kind = AgencyKind.Council)
    {
        var account = await CreateAccountAsync(role, kind);
        var client = CreateClient();
        await SignInAsync(client, account);
        return (client, account);
    }

    /// <summary>Gets a fresh bearer token: tokens last 30 minutes, so a test that moves the clock on signs in again.</summary>
    public static async Task SignInAsync(HttpClient client, StaffAccount account)
    {
        client.DefaultRequestHeaders.Authorization = null;
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Locality", Database.ConnectionString);
        builder.UseSetting("Hangfire:RunServer", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    private sealed record TokenResponse(string AccessToken, long ExpiresIn);
}
