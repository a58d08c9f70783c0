using Npgsql;

namespace Locality.Api.Tests.Campaign;

/// <summary>
/// A cheap fingerprint of everything Locality keeps: per table, its row count and a hash of its rows. A refused
/// request may add to the audit (refusals are audited, on purpose) and to the count of wrong sign-ins, and nothing else.
/// </summary>
internal sealed class DatabaseFingerprint(string connectionString)
{
    /// <summary>Tables a refused request is meant to write to, each with its reason.</summary>
    private static readonly Dictionary<string, string> WrittenByRefusals = new(StringComparer.Ordinal)
    {
        ["audit_records"] = "every request is audited when it ends, refused or not",
        ["data_protection_keys"] = "the host's key ring, which it may roll at any moment",
        ["sign_in_failures"] = "a refused sign-in is counted, per account and client address, so guessing slows and then stops",
        ["rate_limit_windows"] = "every call counts against its caller's limit, answered or refused (the limit holds across instances)",
    };

    private string? query;

    public async Task<IReadOnlyDictionary<string, string>> TakeAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        query ??= await BuildQueryAsync(connection);
        await using var command = new NpgsqlCommand(query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            tables[reader.GetString(0)] = reader.GetString(1);
        }

        return tables;
    }

    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        [.. before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order(StringComparer.Ordinal)];

    private static async Task<string> BuildQueryAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        return string.Join(" UNION ALL ", tables.Where(t => !WrittenByRefusals.ContainsKey(t)).Select(t =>
            $"SELECT '{t}', count(*)::text || ':' || coalesce(sum(hashtext(r::text)::bigint), 0)::text FROM \"{t}\" r"));
    }
}
