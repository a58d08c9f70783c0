namespace Locality.Application.Organisations.Localities;

public sealed record LocalityDto(Guid Id, string Name, int TeamCount, uint Version);
