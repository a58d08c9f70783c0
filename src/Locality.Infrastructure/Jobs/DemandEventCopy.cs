using Locality.Application.Demand.Imports;
using Locality.Domain.Demand;
using Npgsql;
using NpgsqlTypes;

namespace Locality.Infrastructure.Jobs;

/// <summary>
/// The <c>demand_events</c> columns an import writes with binary COPY, each beside how its value is written. The
/// statement's column list and every row's values come from this one list, so the two cannot fall out of step;
/// a test holds the names to the EF model's mapping of the table, so a renamed column fails there and not in a
/// partner's import.
/// </summary>
public static class DemandEventCopy
{
    private static readonly IReadOnlyList<Column> Columns =
    [
        new("id", (w, e, ct) => w.WriteAsync(e.Id.Value, NpgsqlDbType.Uuid, ct)),
        new("type_code", (w, e, ct) => w.WriteAsync(e.Row.TypeCode, NpgsqlDbType.Varchar, ct)),
        new("agency_id", (w, e, ct) => w.WriteAsync(e.Import.AgencyId.Value, NpgsqlDbType.Uuid, ct)),
        new("occurred_at", (w, e, ct) => w.WriteAsync(e.Row.OccurredAt, NpgsqlDbType.TimestampTz, ct)),
        new("uprn", (w, e, ct) => Text(w, e.Row.Uprn, ct)),
        new("postcode", (w, e, ct) => Text(w, e.Row.Postcode, ct)),
        new("address_line1", (w, e, ct) => Text(w, e.Row.AddressLine1, ct)),
        new("person_id", (w, e, ct) => Uuid(w, e.Link?.Person.Value, ct)),
        new("source_reference", (w, e, ct) => w.WriteAsync(e.Row.SourceReference, NpgsqlDbType.Varchar, ct)),
        new("classification", (w, e, ct) => w.WriteAsync(e.Row.Classification.ToString(), NpgsqlDbType.Varchar, ct)),
        new("failure_type_code", (w, e, ct) => Text(w, e.Row.FailureTypeCode, ct)),

        // A partner's file says how it was classified; no one in Locality has classified it yet.
        new("classified_by", (w, _, ct) => w.WriteNullAsync(ct)),
        new("classified_at", (w, e, ct) => w.WriteAsync(e.Now, NpgsqlDbType.TimestampTz, ct)),
        new("attendance_code", (w, e, ct) => e.Row.AttendanceCode is { } code ? w.WriteAsync(code, NpgsqlDbType.Integer, ct) : w.WriteNullAsync(ct)),
        new("recorded_by", (w, e, ct) => Uuid(w, e.Import.SubmittedBy?.Value, ct)),
        new("recorded_at", (w, e, ct) => w.WriteAsync(e.Now, NpgsqlDbType.TimestampTz, ct)),
        new("created_at", (w, e, ct) => w.WriteAsync(e.Now, NpgsqlDbType.TimestampTz, ct)),
        new("created_by", (w, e, ct) => Uuid(w, e.Import.SubmittedBy?.Value, ct)),
        new("address_key", (w, e, ct) => Text(w, e.Row.AddressKey, ct)),
        new("locality_id", (w, e, ct) => Uuid(w, e.Link?.Locality?.Value ?? e.Import.LocalityId?.Value, ct)),
        new("team_id", (w, e, ct) => Uuid(w, e.Link?.Team?.Value, ct)),
        new("import_id", (w, e, ct) => w.WriteAsync(e.Import.Id.Value, NpgsqlDbType.Uuid, ct)),
    ];

    /// <summary>The columns written, in the order each row's values are written.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = Columns.Select(c => c.Name).ToList();

    internal static string Statement { get; } = $"COPY demand_events ({string.Join(", ", ColumnNames)}) FROM STDIN (FORMAT BINARY)";

    internal static async Task WriteAsync(NpgsqlBinaryImporter writer, NewDemandEvent row, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken);
        foreach (var column in Columns)
        {
            await column.Write(writer, row, cancellationToken);
        }
    }

    private static Task Text(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);

    private static Task Uuid(NpgsqlBinaryImporter writer, Guid? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value.Value, NpgsqlDbType.Uuid, cancellationToken);

    private sealed record Column(string Name, Func<NpgsqlBinaryImporter, NewDemandEvent, CancellationToken, Task> Write);
}

/// <summary>One checked row on its way into <c>demand_events</c>: its new id, whose it is when matched, and its import.</summary>
internal readonly record struct NewDemandEvent(IncomingDemand Row, DemandEventId Id, PersonMatch? Link, DemandImport Import, DateTimeOffset Now);
