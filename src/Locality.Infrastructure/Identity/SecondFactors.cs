using System.Security.Cryptography;
using Locality.Application.Common.Validation;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using OtpNet;
using QRCoder;

namespace Locality.Infrastructure.Identity;

/// <summary>How checking a second factor went.</summary>
public enum SecondFactorCheck
{
    Accepted = 1,
    Wrong = 2,

    /// <summary>Too many wrong codes in a row: the account is locked for a while (Identity's lock-out).</summary>
    LockedOut = 3,

    /// <summary>The code was right but has been used already (or an older one has been used since).</summary>
    AlreadyUsed = 4,
}

/// <summary>What an authenticator app needs to be set up: the secret, as text and as a QR code.</summary>
public sealed record AuthenticatorSetUp(string Secret, string FormattedSecret, string QrCodeSvg);

/// <summary>
/// Authenticator app (TOTP, RFC 6238: six digits, 30-second steps, SHA-1, as every authenticator app expects) and
/// recovery codes for local accounts. A code is accepted from one step before to one step after now, and each step at
/// most once per account: the step is claimed in <c>authenticator_steps</c> by one conditional statement, so a code
/// seen over someone's shoulder, or sent twice, is refused on every instance. Wrong codes count towards Identity's
/// lock-out of the account (the password was right, so the guesser already has it).
/// </summary>
public sealed class SecondFactors(UserManager<ApplicationUser> users, IUserStore<ApplicationUser> store, LocalityDbContext db, TimeProvider clock)
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "Locality";

    /// <summary>Whether the account has a second factor it can sign in with: an authenticator app or a passkey.</summary>
    public async Task<bool> HasSecondFactorAsync(ApplicationUser user) =>
        await HasAuthenticatorAsync(user) || (await users.GetPasskeysAsync(user)).Count > 0;

    public async Task<bool> HasAuthenticatorAsync(ApplicationUser user) =>
        await users.GetTwoFactorEnabledAsync(user) && !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user));

    /// <summary>
    /// A new secret for an authenticator app, not yet kept: the account's current app (if any) goes on working until
    /// the new one's first code is checked by <see cref="FinishAuthenticatorAsync"/>.
    /// </summary>
    public static AuthenticatorSetUp NewAuthenticator(ApplicationUser user) =>
        SetUpFor(user.Email ?? user.UserName ?? "Locality", Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20)));

    /// <summary>The QR code and the secret, as text in groups of four, for an authenticator app.</summary>
    public static AuthenticatorSetUp SetUpFor(string account, string secret)
    {
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(5);
        var formatted = string.Join(' ', Enumerable.Range(0, (secret.Length + 3) / 4).Select(i => secret.Substring(i * 4, Math.Min(4, secret.Length - (i * 4)))));
        return new AuthenticatorSetUp(secret, formatted.ToLowerInvariant(), svg);
    }

    /// <summary>
    /// Gives the account an authenticator app whose secret is already known (the demo's accounts, whose secrets the
    /// run command prints, and test accounts), ready to sign in with.
    /// </summary>
    public async Task UseKnownAuthenticatorAsync(ApplicationUser user, string secret)
    {
        await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, secret, CancellationToken.None);
        Check(await users.UpdateAsync(user));
        Check(await users.SetTwoFactorEnabledAsync(user, true));
    }

    /// <summary>
    /// The first code from a newly set-up app: when right, its secret replaces any old one and is the account's second
    /// factor from now on. A wrong code here does not count towards the lock-out (the secret was only just shown).
    /// </summary>
    public async Task<SecondFactorCheck> FinishAuthenticatorAsync(ApplicationUser user, string secret, string? code)
    {
        if (MatchStep(secret, code) is not { } step)
        {
            return SecondFactorCheck.Wrong;
        }

        if (!await ClaimStepAsync(user.Id, step))
        {
            return SecondFactorCheck.AlreadyUsed;
        }

        await UseKnownAuthenticatorAsync(user, secret);
        return SecondFactorCheck.Accepted;
    }

    /// <summary>Checks a code from the account's authenticator app, counting a wrong one towards the lock-out.</summary>
    public async Task<SecondFactorCheck> CheckAuthenticatorAsync(ApplicationUser user, string? code)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return SecondFactorCheck.LockedOut;
        }

        var step = MatchStep(await users.GetAuthenticatorKeyAsync(user), code);
        if (step is null)
        {
            return await FailAsync(user);
        }

        if (!await ClaimStepAsync(user.Id, step.Value))
        {
            return SecondFactorCheck.AlreadyUsed;
        }

        Check(await users.ResetAccessFailedCountAsync(user));
        return SecondFactorCheck.Accepted;
    }

    /// <summary>Uses one of the account's recovery codes (each works once), counting a wrong one towards the lock-out.</summary>
    public async Task<SecondFactorCheck> UseRecoveryCodeAsync(ApplicationUser user, string? code)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return SecondFactorCheck.LockedOut;
        }

        var cleaned = code?.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(cleaned) || cleaned.Length > 20 || !StorableText.CanKeep(cleaned)
            || !(await users.RedeemTwoFactorRecoveryCodeAsync(user, cleaned)).Succeeded)
        {
            return await FailAsync(user);
        }

        Check(await users.ResetAccessFailedCountAsync(user));
        return SecondFactorCheck.Accepted;
    }

    /// <summary>A new set of recovery codes; the old ones stop working. Shown once.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(ApplicationUser user) =>
        (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList()
        ?? throw new InvalidOperationException("The identity store made no recovery codes.");

    public async Task<int> RecoveryCodesLeftAsync(ApplicationUser user) => await users.CountRecoveryCodesAsync(user);

    /// <summary>The code an authenticator app shows now for a secret (for the demo's command and for tests).</summary>
    public static string CodeNow(string secret, DateTimeOffset now) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(now.UtcDateTime);

    /// <summary>The time step the code belongs to, from one before now to one after, or null when it is no code of the secret's.</summary>
    private long? MatchStep(string? secret, string? code)
    {
        var digits = Digits(code);
        if (string.IsNullOrEmpty(secret) || digits is null)
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var matched, new VerificationWindow(previous: 1, future: 1)) ? matched : null;
    }

    /// <summary>Six digits, allowing the spaces and dashes people type; anything else is no code.</summary>
    private static string? Digits(string? code)
    {
        if (code is null || code.Length > 20)
        {
            return null;
        }

        var digits = new string(code.Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private async Task<SecondFactorCheck> FailAsync(ApplicationUser user)
    {
        Check(await users.AccessFailedAsync(user));
        return await users.IsLockedOutAsync(user) ? SecondFactorCheck.LockedOut : SecondFactorCheck.Wrong;
    }

    /// <summary>Claims the time step for the account: true only when no code of this step or a later one was used before.</summary>
    private async Task<bool> ClaimStepAsync(Guid userId, long step)
    {
        await using var command = await db.CommandAsync("""
            INSERT INTO authenticator_steps AS s (user_id, last_step) VALUES (@user, @step)
            ON CONFLICT (user_id) DO UPDATE SET last_step = excluded.last_step WHERE s.last_step < excluded.last_step
            """, CancellationToken.None);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("step", step);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The identity store refused a change: {string.Join(", ", result.Errors.Select(e => e.Code))}");
        }
    }
}
