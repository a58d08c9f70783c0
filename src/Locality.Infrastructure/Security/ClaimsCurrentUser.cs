using System.Security.Claims;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Identity;
using Microsoft.AspNetCore.Http;

namespace Locality.Infrastructure.Security;

/// <summary>The sender of the current HTTP request, read from the claims its authentication produced.</summary>
internal sealed class ClaimsCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public UserId? UserId => GuidClaim(ClaimTypes.NameIdentifier) is { } id ? new UserId(id) : null;

    public AgencyId? AgencyId => GuidClaim(LocalityClaimTypes.AgencyId) is { } id ? new AgencyId(id) : null;

    public TeamId? TeamId => GuidClaim(LocalityClaimTypes.TeamId) is { } id ? new TeamId(id) : null;

    public ApiKeyId? ApiKeyId => GuidClaim(LocalityClaimTypes.ApiKeyId) is { } id ? new ApiKeyId(id) : null;

    public TokenClientId? TokenClientId => GuidClaim(LocalityClaimTypes.TokenClientId) is { } id ? new TokenClientId(id) : null;

    public IReadOnlyCollection<string> Roles =>
        Principal?.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList() ?? [];

    public SignInStrength? SignIn => IsAuthenticated ? SignInSessions.ReadStrength(Principal!) : null;

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    private Guid? GuidClaim(string type) =>
        IsAuthenticated && Guid.TryParse(Principal!.FindFirstValue(type), out var value) ? value : null;
}
