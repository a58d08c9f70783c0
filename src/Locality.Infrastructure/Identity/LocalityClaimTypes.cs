namespace Locality.Infrastructure.Identity;

public static class LocalityClaimTypes
{
    public const string AgencyId = "locality:agency";
    public const string TeamId = "locality:team";
    public const string ApiKeyId = "locality:api_key";
    public const string DisplayName = "locality:display_name";

    /// <summary>How they signed in: a <see cref="Domain.Access.SignInMethod"/> name.</summary>
    public const string SignInMethod = "locality:sign_in";

    /// <summary>The agency's identity provider they signed in through, by name.</summary>
    public const string SignInProvider = "locality:sign_in_provider";

    /// <summary>The key of the agency's provider they signed in through (to sign out there too).</summary>
    public const string SignInProviderKey = "locality:sign_in_provider_key";

    /// <summary>"true" when a second factor was part of the sign-in.</summary>
    public const string SecondFactor = "locality:second_factor";

    /// <summary>When a second factor was last given, in Unix seconds (sign-in, or confirming it is them again).</summary>
    public const string SecondFactorAt = "locality:second_factor_at";

    /// <summary>The registered token client a partner system's access token came through.</summary>
    public const string TokenClientId = "locality:token_client";
}
