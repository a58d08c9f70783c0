using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Locality.Infrastructure.Identity;

internal sealed class IdentityService(UserManager<ApplicationUser> users, LocalityDbContext db) : IIdentityService
{
    public async Task<IReadOnlyList<string>> CreateLoginAsync(
        UserId id, string email, string password, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var user = new ApplicationUser
        {
            Id = id.Value,
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Describe(created);
        }

        var added = await users.AddToRolesAsync(user, roles);
        return added.Succeeded ? [] : Describe(added);
    }

    public async Task<IReadOnlyList<string>> GetRolesAsync(UserId id, CancellationToken cancellationToken) =>
        (await GetRolesAsync([id], cancellationToken)).GetValueOrDefault(id) ?? [];

    public async Task<IReadOnlyDictionary<UserId, IReadOnlyList<string>>> GetRolesAsync(
        IReadOnlyCollection<UserId> ids, CancellationToken cancellationToken)
    {
        var guids = ids.Select(i => i.Value).ToList();
        var rows = await (
                from ur in db.UserRoles.AsNoTracking()
                join r in db.Roles on ur.RoleId equals r.Id
                where guids.Contains(ur.UserId)
                select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => new UserId(r.UserId))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Name!).Order(StringComparer.Ordinal).ToList());
    }

    public async Task SetRolesAsync(UserId id, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id);
        var current = await users.GetRolesAsync(user);
        Check(await users.RemoveFromRolesAsync(user, current.Except(roles)));
        Check(await users.AddToRolesAsync(user, roles.Except(current)));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    public async Task<IReadOnlyList<string>> ResetPasswordAsync(UserId id, string newPassword, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            return Describe(result);
        }

        Check(await users.ResetAccessFailedCountAsync(user));
        Check(await users.SetLockoutEndDateAsync(user, null));
        var account = PasswordSignIn.AccountKey(user.NormalizedEmail ?? string.Empty);
        await db.Database.ExecuteSqlAsync($"DELETE FROM sign_in_failures WHERE account = {account}", cancellationToken);
        return [];
    }

    public async Task SetSignInAllowedAsync(UserId id, bool allowed, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id);
        Check(await users.SetLockoutEndDateAsync(user, allowed ? null : DateTimeOffset.MaxValue));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    public async Task EndSessionsAsync(UserId id, CancellationToken cancellationToken) =>
        Check(await users.UpdateSecurityStampAsync(await FindAsync(id)));

    public async Task<IReadOnlySet<UserId>> GetBreakGlassAdminsAsync(IReadOnlyCollection<UserId> ids, CancellationToken cancellationToken)
    {
        var guids = ids.Select(i => i.Value).ToList();
        var named = await db.Users.AsNoTracking().Where(u => guids.Contains(u.Id) && u.IsBreakGlassAdmin).Select(u => u.Id).ToListAsync(cancellationToken);
        return named.Select(g => new UserId(g)).ToHashSet();
    }

    public async Task SetBreakGlassAdminAsync(UserId id, bool isBreakGlassAdmin, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id);
        if (user.IsBreakGlassAdmin != isBreakGlassAdmin)
        {
            user.IsBreakGlassAdmin = isBreakGlassAdmin;
            Check(await users.UpdateAsync(user));
        }
    }

    public async Task<bool> IsLockedOutAsync(UserId id, CancellationToken cancellationToken) =>
        await users.IsLockedOutAsync(await FindAsync(id));

    private async Task<ApplicationUser> FindAsync(UserId id) =>
        await users.FindByIdAsync(id.Value.ToString())
        ?? throw new InvalidOperationException("A staff member has no sign-in record.");

    private static IReadOnlyList<string> Describe(IdentityResult result) => result.Errors.Select(e => e.Description).ToList();

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The identity store refused a change: {string.Join(", ", result.Errors.Select(e => e.Code))}");
        }
    }
}
