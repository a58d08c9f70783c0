namespace Locality.Application.Organisations.ApiKeys;

public sealed record ApiKeyDto(
    Guid Id,
    Guid AgencyId,
    string AgencyName,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    uint Version);

/// <summary>The one time the whole key is shown: when it is made.</summary>
public sealed record CreatedApiKeyDto(ApiKeyDto Details, string Key);
