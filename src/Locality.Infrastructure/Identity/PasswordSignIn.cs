using System.Net;
using System.Security.Cryptography;
using System.Text;
using Locality.Application.Common.Validation;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Locality.Infrastructure.Identity;

/// <summary>How many wrong passwords, and how slowly, before sign-in from one address to one account stops.</summary>
public sealed class SignInLimits
{
    public const string Section = "SignIn";

    /// <summary>Wrong passwords in a row, from one client address to one account, that lock that pair.</summary>
    public int LockAfterFailures { get; set; } = 5;

    public int LockMinutes { get; set; } = 15;

    /// <summary>The wait after the second wrong password in a row; it doubles after each one more.</summary>
    public int FirstDelaySeconds { get; set; } = 1;
}

/// <summary>
/// Email and password sign-in for both hosts. An unknown email, a wrong password, a stopped account, a locked pair
/// and a try that comes too soon all do the same work (find the account, read and write the failure count, hash the
/// password given) and get the same answer, so neither the answer nor the time it takes says whether an account
/// exists. Failures are counted per account and client address in PostgreSQL (every instance sees them): after the
/// second wrong password in a row a growing wait is needed before the next is checked, and after
/// <see cref="SignInLimits.LockAfterFailures"/> the pair is locked for <see cref="SignInLimits.LockMinutes"/> minutes.
/// Someone guessing from elsewhere cannot lock the real person out; the sign-in rate limit per address is the brake on
/// guessing from many addresses.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IPasswordHasher<ApplicationUser> hasher,
    LocalityDbContext db,
    TimeProvider clock,
    IOptions<SignInLimits> limits)
{
    private static readonly Lock HashLock = new();
    private static string? dummyHash;

    /// <summary>
    /// Checks the email and password and returns the account when they are right and it may sign in, having cleared
    /// its wrong-password count; or returns null having counted the failure. Nothing is signed in: the caller asks for
    /// the second factor next.
    /// </summary>
    public async Task<ApplicationUser?> CheckAsync(string email, string password, IPAddress? client, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var account = AccountKey(users.NormalizeEmail(email) ?? string.Empty);
        var address = client?.ToString() ?? "unknown";
        // An email no account could have (a NUL, half of a character) is looked up as no one, never sent to PostgreSQL.
        var user = StorableText.CanKeep(email) ? await users.FindByEmailAsync(email) : null;
        var standing = await ReadAsync(account, address, cancellationToken);
        var tooSoon = standing is { } s && s.NotBefore > now;

        // The password is always hashed, against a stand-in when there is no account to check or it is too soon.
        var checksReal = !tooSoon && user?.PasswordHash is not null;
        var verified = hasher.VerifyHashedPassword(user ?? new ApplicationUser(), checksReal ? user!.PasswordHash! : DummyHash(), password);
        var allowed = checksReal && verified != PasswordVerificationResult.Failed
                      && await signIn.CanSignInAsync(user!) && !await users.IsLockedOutAsync(user!);

        if (!allowed)
        {
            await RecordFailureAsync(account, address, now, counted: !tooSoon, cancellationToken);
            return null;
        }

        await ClearAsync(account, address, cancellationToken);
        return user;
    }

    /// <summary>How an account is named in <c>sign_in_failures</c>.</summary>
    internal static string AccountKey(string normalizedEmail) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));

    private string DummyHash()
    {
        lock (HashLock)
        {
            return dummyHash ??= hasher.HashPassword(new ApplicationUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        }
    }

    private async Task<(int Failures, DateTimeOffset NotBefore)?> ReadAsync(string account, string address, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            "SELECT failures, not_before FROM sign_in_failures WHERE account = @account AND client_address = @address", account, address, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1)) : null;
    }

    /// <summary>
    /// One more wrong password (or, when it came too soon, only the time of the try), and when the next may be checked.
    /// A lock that has ended starts the count again. Other rows not touched for a day are removed on the way, so
    /// guesses at made-up emails do not pile up.
    /// </summary>
    private async Task RecordFailureAsync(string account, string address, DateTimeOffset now, bool counted, CancellationToken cancellationToken)
    {
        var options = limits.Value;
        await using var command = await CommandAsync("""
            WITH gone AS (
                DELETE FROM sign_in_failures
                WHERE last_failed_at < @stale AND NOT (account = @account AND client_address = @address))
            INSERT INTO sign_in_failures AS f (account, client_address, failures, last_failed_at, not_before)
            VALUES (@account, @address, @added, @now, @now)
            ON CONFLICT (account, client_address) DO UPDATE SET
                failures = (CASE WHEN f.failures >= @lockAfter AND f.not_before <= @now THEN 0 ELSE f.failures END) + @added,
                last_failed_at = @now,
                not_before = CASE
                    WHEN @added = 0 THEN f.not_before
                    WHEN (CASE WHEN f.failures >= @lockAfter AND f.not_before <= @now THEN 0 ELSE f.failures END) + 1 >= @lockAfter
                        THEN @now + make_interval(mins => @lockMinutes)
                    WHEN (CASE WHEN f.failures >= @lockAfter AND f.not_before <= @now THEN 0 ELSE f.failures END) + 1 >= 2
                        THEN @now + make_interval(secs => @firstDelay * power(2, f.failures - 1))
                    ELSE @now
                END
            """, account, address, cancellationToken);
        command.Parameters.AddWithValue("stale", now.AddDays(-1));
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("added", counted ? 1 : 0);
        command.Parameters.AddWithValue("lockAfter", Math.Max(1, options.LockAfterFailures));
        command.Parameters.AddWithValue("lockMinutes", Math.Max(1, options.LockMinutes));
        command.Parameters.AddWithValue("firstDelay", (double)Math.Max(0, options.FirstDelaySeconds));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ClearAsync(string account, string address, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            "DELETE FROM sign_in_failures WHERE account = @account AND client_address = @address", account, address, cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql, string account, string address, CancellationToken cancellationToken)
    {
        var command = await db.CommandAsync(sql, cancellationToken);
        command.Parameters.AddWithValue("account", account);
        command.Parameters.AddWithValue("address", address);
        return command;
    }
}
