using Npgsql;

namespace Locality.Benchmarks;

/// <summary>The same reads the API makes, sent straight to PostgreSQL with Npgsql: the floor the API is measured against.</summary>
internal static class RawQueries
{
    /// <summary>The same two passes as the application: strict similarity first, the usual one only if that finds no one.</summary>
    public static async Task SearchAsync(NpgsqlConnection connection, string name)
    {
        foreach (var threshold in new[] { "0.5", "0.3" })
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var limit = new NpgsqlCommand($"SET LOCAL pg_trgm.similarity_threshold = {threshold}", connection, transaction))
            {
                await limit.ExecuteNonQueryAsync();
            }

            await using var command = new NpgsqlCommand("""
                SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.date_of_birth, p.postcode, s.display_name, c.resting_until,
                       c.last_successful_contact_at, c.opened_at, greatest(similarity(p.name_full, @name), similarity(p.name_known_as, @name)) AS score
                FROM people p JOIN conversations c ON c.person_id = p.id JOIN staff_members s ON s.id = c.lead_worker_id
                WHERE p.merged_into_id IS NULL AND (p.name_full % @name OR p.name_known_as % @name)
                ORDER BY score DESC, p.family_name, p.given_name, p.id LIMIT 25
                """, connection, transaction);
            command.Parameters.AddWithValue("name", name.ToLowerInvariant());
            var found = await DrainAsync(command);
            await transaction.CommitAsync();
            if (found > 0)
            {
                return;
            }
        }
    }

    public static async Task PersonPageAsync(NpgsqlConnection connection, Guid person)
    {
        await QueryAsync(connection, "SELECT merged_into_id FROM people WHERE id = @id", person);
        await QueryAsync(connection, "SELECT * FROM people WHERE id = @id", person);
        await QueryAsync(connection, "SELECT c.*, m.* FROM conversations c LEFT JOIN conversation_members m ON m.conversation_id = c.id WHERE c.person_id = @id", person);
        await QueryAsync(connection, "SELECT * FROM timeline_entries WHERE person_id = @id ORDER BY occurred_at DESC, id DESC LIMIT 51", person);
        await QueryAsync(connection, "SELECT a.* FROM timeline_amendments a JOIN (SELECT id FROM timeline_entries WHERE person_id = @id ORDER BY occurred_at DESC, id DESC LIMIT 50) e ON e.id = a.entry_id", person);
        await QueryAsync(connection, "SELECT s.id, s.display_name FROM staff_members s WHERE s.id IN (SELECT lead_worker_id FROM conversations WHERE person_id = @id)", person);
    }

    public static Task MyDayAsync(NpgsqlConnection connection, Guid worker) => QueryAsync(connection, """
        SELECT c.*, p.id, p.preferred_name, p.given_name, p.family_name, p.safety_notes IS NOT NULL, s.display_name
        FROM conversations c JOIN people p ON p.id = c.person_id JOIN staff_members s ON s.id = c.lead_worker_id
        WHERE c.lead_worker_id = @id
        """, worker);

    private static async Task QueryAsync(NpgsqlConnection connection, string sql, Guid id)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await DrainAsync(command);
    }

    private static async Task<int> DrainAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return rows;
    }
}
