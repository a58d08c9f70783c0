namespace Locality.Infrastructure.Identity;

public static class LocalityClaimTypes
{
    public const string AgencyId = "locality:agency";
    public const string TeamId = "locality:team";
    public const string ApiKeyId = "locality:api_key";
    public const string DisplayName = "locality:display_name";
}
