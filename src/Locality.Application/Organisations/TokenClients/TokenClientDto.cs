namespace Locality.Application.Organisations.TokenClients;

/// <summary>A partner system registered to call the API with access tokens from its own provider.</summary>
public sealed record TokenClientDto(
    Guid Id,
    Guid AgencyId,
    string AgencyName,
    string Name,
    string Issuer,
    string ClientId,
    string? Audience,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RemovedAt);
