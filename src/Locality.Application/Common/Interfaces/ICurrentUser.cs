using Locality.Application.Common.Security;
using Locality.Domain.Organisations;

namespace Locality.Application.Common.Interfaces;

/// <summary>Who is sending the current request: a person signed in, or a partner agency's system.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The person signed in; null for a partner system.</summary>
    UserId? UserId { get; }

    AgencyId? AgencyId { get; }

    TeamId? TeamId { get; }

    /// <summary>The partner key in use, when a partner system is calling.</summary>
    ApiKeyId? ApiKeyId { get; }

    /// <summary>The registered token client, when a partner system is calling with its own provider's access token.</summary>
    TokenClientId? TokenClientId { get; }

    IReadOnlyCollection<string> Roles { get; }

    /// <summary>How they signed in, kept on every audit row; null when not signed in.</summary>
    SignInStrength? SignIn { get; }

    bool IsInRole(string role);
}
