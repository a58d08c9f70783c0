using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Testing;

/// <summary>A person who can sign in, made directly in the database for a test.</summary>
public sealed record StaffAccount(UserId Id, string Email, string Password, string DisplayName, TeamId TeamId, AgencyId AgencyId, string Role);

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

        return new StaffAccount(member.Id, member.Email, Password, member.DisplayName, team.Id, team.AgencyId, role);
    }
}
