using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;

namespace Locality.Infrastructure.Security;

/// <summary>Lets work outside an HTTP request (a scheduled job) say who it runs as, for the rest of its scope.</summary>
internal sealed class CurrentUserScope
{
    public ICurrentUser? Override { get; set; }
}

/// <summary>The service itself: what scheduled jobs run as. It can send only requests that allow <see cref="Roles.System"/>.</summary>
internal sealed class SystemUser : ICurrentUser
{
    public static readonly SystemUser Instance = new();

    public bool IsAuthenticated => true;

    public UserId? UserId => null;

    public AgencyId? AgencyId => null;

    public TeamId? TeamId => null;

    public ApiKeyId? ApiKeyId => null;

    public TokenClientId? TokenClientId => null;

    public IReadOnlyCollection<string> Roles { get; } = [Application.Common.Security.Roles.System];

    public SignInStrength? SignIn => null;

    public bool IsInRole(string role) => role == Application.Common.Security.Roles.System;
}
