using Locality.Domain.Organisations;

namespace Locality.Application.Common.Interfaces;

/// <summary>Sign-in credentials and roles, kept by the identity store under the same id as the staff member.</summary>
public interface IIdentityService
{
    /// <summary>Creates the sign-in for a staff member already added to the context; saves both together.</summary>
    Task<IReadOnlyList<string>> CreateLoginAsync(UserId id, string email, string password, IReadOnlyCollection<string> roles, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GetRolesAsync(UserId id, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<UserId, IReadOnlyList<string>>> GetRolesAsync(IReadOnlyCollection<UserId> ids, CancellationToken cancellationToken);

    Task SetRolesAsync(UserId id, IReadOnlyCollection<string> roles, CancellationToken cancellationToken);

    /// <summary>Returns the password rules broken, or nothing when the password was changed.</summary>
    Task<IReadOnlyList<string>> ResetPasswordAsync(UserId id, string newPassword, CancellationToken cancellationToken);

    Task SetSignInAllowedAsync(UserId id, bool allowed, CancellationToken cancellationToken);

    Task<bool> IsLockedOutAsync(UserId id, CancellationToken cancellationToken);

    /// <summary>Changes the security stamp, so every cookie and bearer token issued to the person stops working.</summary>
    Task EndSessionsAsync(UserId id, CancellationToken cancellationToken);

    /// <summary>Which of these accounts are named break-glass administrators (may sign in with a password and a second factor when their agency uses its own provider).</summary>
    Task<IReadOnlySet<UserId>> GetBreakGlassAdminsAsync(IReadOnlyCollection<UserId> ids, CancellationToken cancellationToken);

    Task SetBreakGlassAdminAsync(UserId id, bool isBreakGlassAdmin, CancellationToken cancellationToken);
}
