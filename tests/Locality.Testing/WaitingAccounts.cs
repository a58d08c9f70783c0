using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Testing;

/// <summary>
/// An account as a first sign-in through an agency's provider leaves it: waiting for approval, with a sign-in that is
/// shut and holds no roles. It has a password too, so a test can show that approval (and nothing else) opens it.
/// </summary>
public static class WaitingAccounts
{
    public static async Task<StaffAccount> CreateAsync(IServiceProvider services, TeamId team, AgencyId agency)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        var identity = scope.ServiceProvider.GetRequiredService<IIdentityService>();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var member = StaffMember.Waiting(UserId.New(), $"Newcomer {suffix}", $"newcomer.{suffix}@test.locality", team);
        db.Add(member);
        var problems = await identity.CreateLoginAsync(member.Id, member.Email, StaffAccounts.Password, [], CancellationToken.None);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        await identity.SetSignInAllowedAsync(member.Id, false, CancellationToken.None);
        return new StaffAccount(member.Id, member.Email, StaffAccounts.Password, member.DisplayName, team, agency, string.Empty);
    }
}
