using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Locality.Infrastructure.Identity;

/// <summary>
/// Whether an account may sign in at all, by any way (password, passkey, an agency's provider): the staff member it
/// belongs to exists, is active and is not waiting for an administrator's approval. Identity asks this in
/// <c>CanSignInAsync</c>, so no way of signing in can forget it.
/// </summary>
internal sealed class StaffConfirmation(LocalityDbContext db) : IUserConfirmation<ApplicationUser>
{
    public async Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        await db.StaffMembers.AsNoTracking().AnyAsync(s => s.Id == new UserId(user.Id) && s.IsActive && !s.AwaitsApproval);
}
