using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Locality.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL keeps an instant (<c>timestamptz</c>) without the offset it was written in, and Npgsql refuses any offset
/// but zero. Every instant is turned to UTC on its way in, so a time sent as UK summer time (<c>+01:00</c>) or any other
/// offset is kept as the same moment rather than refused, whether it is stored or compared in a query.
/// </summary>
public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => value);
