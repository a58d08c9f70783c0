using Locality.Application.Common.Interfaces;
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

    public bool IsInRole(string role) => Roles.Contains(role);
}

/// <summary>Holds the user for the current test scope; the DI container hands it out as <see cref="ICurrentUser"/>.</summary>
public sealed class CurrentUserSlot
{
    public ICurrentUser User { get; set; } = TestCurrentUser.Anonymous;
}
