using System.Reflection;
using Locality.Application.Common.Interfaces;

namespace Locality.Application.Common.Security;

/// <summary>What a request type declares about who may send it.</summary>
public sealed class RequestPermission
{
    private RequestPermission(IReadOnlyList<string>? roles) => Roles = roles;

    /// <summary>The roles allowed, or null when any signed-in sender is.</summary>
    public IReadOnlyList<string>? Roles { get; }

    public static RequestPermission For(Type requestType)
    {
        var roles = requestType.GetCustomAttribute<AllowedForAttribute>();
        var anySignedIn = requestType.GetCustomAttribute<AllowedForAnySignedInAttribute>();
        return (roles, anySignedIn) switch
        {
            ({ Roles.Count: > 0 }, null) => new RequestPermission(roles.Roles),
            (null, not null) => new RequestPermission(null),
            _ => throw new InvalidOperationException(
                $"{requestType.Name} must declare who may send it with exactly one [AllowedFor(...)] naming at least one role, or [AllowedForAnySignedIn]."),
        };
    }

    public bool Allows(ICurrentUser user) => user.IsAuthenticated && (Roles is null || Roles.Any(user.IsInRole));
}
