using System.Security.Claims;
using System.Globalization;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Access;
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

    public SignInStrength? SignIn => IsAuthenticated ? ReadSignIn(Principal!) : null;

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    /// <summary>
    /// How a principal signed in, from the claims its sign-in wrote. A partner key or token says so by its own claims;
    /// a person's session from before sign-in strength was recorded reads as a password alone.
    /// </summary>
    internal static SignInStrength ReadSignIn(ClaimsPrincipal principal)
    {
        if (principal.FindFirstValue(LocalityClaimTypes.ApiKeyId) is not null)
        {
            return new SignInStrength(SignInMethod.ApiKey, null, false, null);
        }

        if (principal.FindFirstValue(LocalityClaimTypes.TokenClientId) is not null)
        {
            return new SignInStrength(SignInMethod.ClientCredentials, principal.FindFirstValue(LocalityClaimTypes.SignInProvider), false, null);
        }

        var method = Enum.TryParse<SignInMethod>(principal.FindFirstValue(LocalityClaimTypes.SignInMethod), out var m) && Enum.IsDefined(m) ? m : SignInMethod.Password;
        DateTimeOffset? at = long.TryParse(principal.FindFirstValue(LocalityClaimTypes.SecondFactorAt), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        return new SignInStrength(method, principal.FindFirstValue(LocalityClaimTypes.SignInProvider), principal.FindFirstValue(LocalityClaimTypes.SecondFactor) == "true", at);
    }

    private Guid? GuidClaim(string type) =>
        IsAuthenticated && Guid.TryParse(Principal!.FindFirstValue(type), out var value) ? value : null;
}
