using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Access;
using Locality.Domain.Organisations;

namespace Locality.Testing;

/// <summary>Who a test is acting as when it sends a request through the real pipeline.</summary>
public sealed record TestCurrentUser(
    UserId? UserId,
    AgencyId? AgencyId,
    TeamId? TeamId,
    IReadOnlyCollection<string> Roles,
    ApiKeyId? ApiKeyId = null) : ICurrentUser
{
    public static readonly TestCurrentUser Anonymous = new(null, null, null, []) { IsAuthenticated = false };

    public bool IsAuthenticated { get; init; } = true;

    /// <summary>A partner system calling with its own provider's token instead of a key.</summary>
    public TokenClientId? TokenClientId { get; init; }

    /// <summary>A password and an authenticator app, the second factor given as the test began, unless a test says otherwise.</summary>
    public SignInStrength? SignIn { get; init; } = new(SignInMethod.PasswordAndAuthenticator, null, true, DateTimeOffset.UtcNow);

    public bool IsInRole(string role) => Roles.Contains(role);
}

/// <summary>Holds the user for the current test scope; the DI container hands it out as <see cref="ICurrentUser"/>.</summary>
public sealed class CurrentUserSlot
{
    public ICurrentUser User { get; set; } = TestCurrentUser.Anonymous;
}
