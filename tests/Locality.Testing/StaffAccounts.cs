using System.Collections.Concurrent;
using System.Security.Cryptography;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Locality.Testing;

/// <summary>
/// A person who can sign in, made directly in the database for a test, with an authenticator app set up (its secret
/// here, so a test computes the codes the app would show).
/// </summary>
public sealed record StaffAccount(UserId Id, string Email, string Password, string DisplayName, TeamId TeamId, AgencyId AgencyId, string Role)
{
    private static readonly ConcurrentDictionary<UserId, long> LastSteps = new();

    public string AuthenticatorSecret { get; init; } = string.Empty;

    /// <summary>
    /// A code the account's authenticator app shows around <paramref name="now"/> (the host's clock) that this test run
    /// has not used yet: Locality accepts each 30-second step once, from one before now to one after, so an account
    /// can sign in three times on a clock that stands still.
    /// </summary>
    public string NextCode(DateTimeOffset now) => NextCode(Id, AuthenticatorSecret, now);

    public static string NextCode(UserId id, string secret, DateTimeOffset now)
    {
        var current = now.ToUnixTimeSeconds() / 30;
        for (var step = current - 1; step <= current + 1; step++)
        {
            var last = LastSteps.GetOrAdd(id, long.MinValue);
            if (step > last && LastSteps.TryUpdate(id, step, last))
            {
                return new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
            }
        }

        throw new InvalidOperationException(
            "This account has signed in three times within one 30-second step of the host's clock; each authenticator code works once. " +
            "Move the host's clock on 30 seconds (factory.Clock.Advance) or use another account.");
    }

    /// <summary>Six equal digits that are none of the codes the account's app shows around <paramref name="now"/> (so it is surely wrong).</summary>
    public string WrongCode(DateTimeOffset now)
    {
        var right = new[] { now.AddSeconds(-30), now, now.AddSeconds(30) }
            .Select(t => new Totp(Base32Encoding.ToBytes(AuthenticatorSecret)).ComputeTotp(t.UtcDateTime)).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !right.Contains(c));
    }

    /// <summary>Says a code was used outside <see cref="NextCode(DateTimeOffset)"/> (a test that types its own), so the next one is later.</summary>
    public static void MarkUsed(UserId id, DateTimeOffset at) => LastSteps.AddOrUpdate(id, at.ToUnixTimeSeconds() / 30, (_, last) => Math.Max(last, at.ToUnixTimeSeconds() / 30));
}

public static class StaffAccounts
{
    public const string Password = "correct horse battery staple";

    /// <summary>
    /// Makes a staff member with a sign-in holding the role: in a new locality, agency and team of their own, or in
    /// the team given.
    /// </summary>
    public static async Task<StaffAccount> CreateAsync(
        IServiceProvider services, string role, AgencyKind agencyKind = AgencyKind.Council, string? displayName = null, TeamId? inTeam = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        var identity = scope.ServiceProvider.GetRequiredService<IIdentityService>();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        Team team;
        if (inTeam is { } existing)
        {
            team = await db.Teams.SingleAsync(t => t.Id == existing);
        }
        else
        {
            var locality = new LocalityArea(LocalityId.New(), $"Locality {suffix}");
            var agency = new Agency(AgencyId.New(), $"{agencyKind} agency {suffix}", agencyKind);
            team = new Team(TeamId.New(), $"Team {suffix}", agency.Id, locality.Id);
            db.AddRange(locality, agency, team);
        }

        var member = new StaffMember(UserId.New(), displayName ?? $"Worker {suffix}", $"{role.ToLowerInvariant()}.{suffix}@test.locality", team.Id);
        db.Add(member);
        var problems = await identity.CreateLoginAsync(member.Id, member.Email, Password, [role], CancellationToken.None);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(member.Id.Value.ToString());
        var secret = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));
        await scope.ServiceProvider.GetRequiredService<SecondFactors>().UseKnownAuthenticatorAsync(user!, secret);
        return new StaffAccount(member.Id, member.Email, Password, member.DisplayName, team.Id, team.AgencyId, role) { AuthenticatorSecret = secret };
    }
}
