using System.Net;
using System.Net.Http.Json;
using Locality.Application.Common.Security;
using Locality.Infrastructure.Identity;
using Locality.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Api.Tests;

/// <summary>The API host with a password hasher that counts how often a password is checked.</summary>
public sealed class CountingHasherApiFactory : ApiFactory
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<ApplicationUser>>(Hasher));
    }
}


/// <summary>
/// Signing in for a bearer token gives nothing away (an unknown email costs the same work as a wrong password), and
/// wrong passwords stop only the address they come from, after a growing wait.
/// </summary>
public sealed class SignInTests(CountingHasherApiFactory api) : IClassFixture<CountingHasherApiFactory>
{
    [Fact]
    public async Task Token_ForAnUnknownEmail_ChecksAPasswordHash_JustAsForAKnownOne()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);

        var unknown = await HashesCheckedAsync(() => TryAsync("198.51.100.1", $"nobody.{Guid.NewGuid():N}@test.locality", "not the password"));
        var wrong = await HashesCheckedAsync(() => TryAsync("198.51.100.2", account.Email, "not the password"));
        var right = await HashesCheckedAsync(() => TryAsync("198.51.100.3", account.Email, account.Password));

        Assert.Equal((HttpStatusCode.Unauthorized, 1), unknown);
        Assert.Equal((HttpStatusCode.Unauthorized, 1), wrong);
        Assert.Equal((HttpStatusCode.OK, 1), right);
    }

    [Fact]
    public async Task Token_ForAStoppedAccount_ChecksTheHash_AndAnswersAsForAWrongPassword()
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var account = await api.CreateAccountAsync(Roles.KeyWorker);
        var user = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/users/{account.Id.Value}");
        (await admin.PostAsJsonAsync($"/api/users/{account.Id.Value}/active", new { active = false, version = user.GetProperty("version").GetUInt32() })).EnsureSuccessStatusCode();

        var stopped = await HashesCheckedAsync(() => TryAsync("198.51.100.4", account.Email, account.Password));

        Assert.Equal((HttpStatusCode.Unauthorized, 1), stopped);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheirAddressOut_ButThePersonSignsInFromTheirOwn_AndTheLockEnds()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);
        const string attacker = "203.0.113.66";
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(attacker, account.Email, $"guess {i}"));
            api.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        var fromAttacker = await StatusAsync(attacker, account.Email, account.Password);
        var fromTheirDesk = await StatusAsync("192.0.2.10", account.Email, account.Password);
        api.Clock.Advance(TimeSpan.FromMinutes(15));
        var afterTheLock = await StatusAsync(attacker, account.Email, account.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, fromAttacker);
        Assert.Equal(HttpStatusCode.OK, fromTheirDesk);
        Assert.Equal(HttpStatusCode.OK, afterTheLock);
    }

    [Fact]
    public async Task AfterTwoWrongPasswords_TheNextIsNotCheckedUntilTheWaitIsOver_AndTheWaitGrows()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);
        const string address = "203.0.113.77";
        await StatusAsync(address, account.Email, "first guess");
        await StatusAsync(address, account.Email, "second guess");

        var tooSoon = await HashesCheckedAsync(() => TryAsync(address, account.Email, account.Password));
        api.Clock.Advance(TimeSpan.FromSeconds(1.5));
        await StatusAsync(address, account.Email, "third guess");
        api.Clock.Advance(TimeSpan.FromSeconds(1.5));
        var stillWaiting = await StatusAsync(address, account.Email, account.Password);
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterTheWait = await StatusAsync(address, account.Email, account.Password);

        Assert.Equal((HttpStatusCode.Unauthorized, 1), tooSoon);
        Assert.Equal(HttpStatusCode.Unauthorized, stillWaiting);
        Assert.Equal(HttpStatusCode.OK, afterTheWait);
    }

    [Fact]
    public async Task WrongPasswords_AreCountedInTheDatabase_WithoutTheEmail()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);

        await StatusAsync("203.0.113.88", account.Email, "a guess");

        await using var connection = new Npgsql.NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT string_agg(account || ' ' || client_address || ' ' || failures, ';') FROM sign_in_failures WHERE client_address = '203.0.113.88'", connection);
        var row = (string)(await command.ExecuteScalarAsync())!;
        Assert.EndsWith(" 203.0.113.88 1", row);
        Assert.DoesNotContain(account.Email, row, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(HttpStatusCode Status, int Hashes)> HashesCheckedAsync(Func<Task<HttpResponseMessage>> signIn)
    {
        var before = api.Hasher.Verified;
        var response = await signIn();
        return (response.StatusCode, api.Hasher.Verified - before);
    }

    private async Task<HttpStatusCode> StatusAsync(string from, string email, string password) => (await TryAsync(from, email, password)).StatusCode;

    /// <summary>A sign-in as if from the address given, through the proxy in front of the API (loopback, which it believes).</summary>
    private async Task<HttpResponseMessage> TryAsync(string from, string email, string password)
    {
        // A right code each time, so what is tested is the password (and the account's standing).
        var code = password == StaffAccounts.Password ? await api.NextCodeAsync(email) : "123456";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new { email, password, code }) };
        request.Headers.Add("X-Forwarded-For", from);
        return await api.CreateClient().SendAsync(request);
    }
}
