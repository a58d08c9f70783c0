using System.Diagnostics;
using Locality.Application.Access;
using Locality.Application.Common.Security;
using Locality.Application.Demand;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Demand;
using Npgsql;

namespace Locality.Benchmarks;

/// <summary>The same reads the API makes, sent straight to PostgreSQL with Npgsql: the floor the API is measured against.</summary>
internal static class RawQueries
{
    private const int TimelinePageSize = GetPersonPage.LatestEntries;

    /// <summary>When set, every read of the person's page is first shown with <c>EXPLAIN (ANALYZE, BUFFERS)</c> here.</summary>
    public static TextWriter? ExplainTo { get; set; }

    /// <summary>When set, the time each read of the person's page takes, by read, in milliseconds.</summary>
    public static Dictionary<string, List<double>>? ReadTimes { get; set; }

    /// <summary>What the audit says a person's page read: every part of the record.</summary>
    private static readonly string Sections = SectionNames.Describe(Enum.GetValues<RecordSection>());

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

    /// <summary>
    /// Every read the API's person page makes (GET /api/people/{id}, GetPersonPage), each one round trip, written as a
    /// hand-made page would: names joined in, filters and groupings done in SQL, and the audit row the API writes.
    /// </summary>
    public static async Task PersonPageAsync(NpgsqlConnection connection, Guid asked, Guid worker)
    {
        var now = DateTimeOffset.UtcNow;
        var repeats = new RepeatDemandOptions();
        var lap = Stopwatch.GetTimestamp();

        // 1. The session: the sender's security stamp, as the API checks it on every signed-in request.
        await PageReadAsync("01 session", connection, "SELECT security_stamp FROM identity_users WHERE id = @me", ("me", worker));
        lap = Lap("01 session", lap);

        // 2. The record the id names (following merges) and whether the sender may open it: in the team around the
        //    person, team lead of the lead worker's team, or emergency access in force; and whether they oversee it.
        Guid person;
        bool oversees;
        await using (var access = Command(connection, """
                         WITH RECURSIVE chain (id, next, hops) AS (
                             SELECT id, merged_into_id, 0 FROM people WHERE id = @asked
                             UNION ALL
                             SELECT p.id, p.merged_into_id, chain.hops + 1 FROM chain JOIN people p ON p.id = chain.next WHERE chain.hops < 20)
                         SELECT c.person_id,
                                EXISTS (SELECT 1 FROM conversation_members m WHERE m.conversation_id = c.id AND m.left_at IS NULL AND m.worker_id = @me),
                                EXISTS (SELECT 1 FROM staff_members s WHERE s.id = c.lead_worker_id AND s.team_id = @team),
                                (SELECT g.reason FROM break_glass_grants g
                                 WHERE g.person_id = c.person_id AND g.worker_id = @me AND g.granted_at <= @now AND g.expires_at > @now
                                 ORDER BY g.granted_at DESC LIMIT 1),
                                c.lead_worker_id = @me
                         FROM chain JOIN conversations c ON c.person_id = chain.id
                         WHERE chain.next IS NULL
                         """, ("asked", asked), ("me", worker), ("team", DBNull.Value), ("now", now)))
        {
            await using var reader = await TimedAsync("02 record and access", access, c => c.ExecuteReaderAsync());
            if (!await reader.ReadAsync() || !(reader.GetBoolean(1) || reader.GetBoolean(2) || !reader.IsDBNull(3)))
            {
                throw new InvalidOperationException("The benchmark's reader may not open this person.");
            }

            person = reader.GetGuid(0);
            oversees = reader.GetBoolean(4) || reader.GetBoolean(2);
        }

        lap = Lap("02 record and access", lap);

        // 3. Who they are (with what matters to them).
        await PageReadAsync("03 person", connection, """
            SELECT id, given_name, family_name, preferred_name, date_of_birth, approximate_age, approximate_age_recorded_on, nhs_number,
                   address_line1, address_line2, town, postcode, uprn, phone, email, communication_needs, safety_notes, what_matters_to_me, xmin
            FROM people WHERE id = @id
            """, ("id", person));
        lap = Lap("03 person", lap);

        // 4. Where the conversation stands, and the team around them with their names and agencies.
        await PageReadAsync("04 conversation and team", connection, """
            SELECT c.id, c.opened_at, c.lead_worker_id, c.last_successful_contact_at, c.attempts_since_contact, c.hand_off_count, c.resting_until,
                   c.last_known_state, c.xmin, m.id, m.role, m.worker_id, s.display_name, m.agency_id, a.name, m.joined_at, m.left_at
            FROM conversations c
            JOIN conversation_members m ON m.conversation_id = c.id
            LEFT JOIN staff_members s ON s.id = m.worker_id
            JOIN agencies a ON a.id = m.agency_id
            WHERE c.person_id = @id
            """, ("id", person));
        lap = Lap("04 conversation and team", lap);

        // 5. The newest 50 entries the sender may see (restricted ones only by their author, the people named on them
        //    and the roles named), one more to know whether there are older, with the names they mention.
        var entries = new List<Guid>(TimelinePageSize + 1);
        await using (var timeline = Command(connection, """
                         SELECT e.id, e.kind, e.occurred_at, e.recorded_at, e.author_id, author.display_name, agency.name, e.text, e.method, e.outcome,
                                e.location, e.who_was_there, other.name, e.to_service, e.lead_keeps_conversation, subject.display_name, e.new_state,
                                e.check_back_on, e.sequence
                         FROM timeline_entries e
                         LEFT JOIN staff_members author ON author.id = e.author_id
                         LEFT JOIN agencies agency ON agency.id = e.author_agency_id
                         LEFT JOIN agencies other ON other.id = e.other_agency_id
                         LEFT JOIN staff_members subject ON subject.id = e.subject_worker_id
                         WHERE e.person_id = @id
                           AND NOT EXISTS (SELECT 1 FROM entry_restrictions r
                                           WHERE r.entry_id = e.id AND r.lifted_at IS NULL
                                             AND NOT (e.author_id IS NOT DISTINCT FROM @me OR @me = ANY (r.user_ids) OR r.roles && @roles))
                         ORDER BY e.occurred_at DESC, e.sequence DESC
                         LIMIT @size
                         """, ("id", person), ("me", worker), ("roles", new[] { Roles.KeyWorker }), ("size", TimelinePageSize + 1)))
        {
            await using var reader = await TimedAsync("05 timeline", timeline, c => c.ExecuteReaderAsync());
            while (await reader.ReadAsync())
            {
                entries.Add(reader.GetGuid(0));
            }
        }

        lap = Lap("05 timeline", lap);

        var shown = entries.Take(TimelinePageSize).ToArray();

        // 6. Their corrections, with who made them; 7. the restrictions on the entries shown, with the names they list.
        await PageReadAsync("06 corrections", connection, """
            SELECT a.entry_id, a.sequence, a.reason, a.corrected_text, s.display_name, a.recorded_at
            FROM timeline_amendments a LEFT JOIN staff_members s ON s.id = a.author_id
            WHERE a.entry_id = ANY (@entries) ORDER BY a.entry_id, a.sequence
            """, ("entries", shown));
        lap = Lap("06 corrections", lap);
        await PageReadAsync("07 restrictions", connection, """
            SELECT r.entry_id, r.roles, r.reason,
                   ARRAY (SELECT s.display_name FROM unnest(r.user_ids) WITH ORDINALITY u (id, n) LEFT JOIN staff_members s ON s.id = u.id ORDER BY u.n)
            FROM entry_restrictions r WHERE r.entry_id = ANY (@entries) AND r.lifted_at IS NULL
            """, ("entries", shown));
        lap = Lap("07 restrictions", lap);

        // 8. Emergency accesses to the record, for those who oversee it.
        if (oversees)
        {
            await PageReadAsync("08 emergency accesses", connection, """
                SELECT g.id, g.person_id, coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name, g.worker_id, w.display_name, g.reason,
                       g.granted_at, g.expires_at, r.display_name, g.reviewed_at, g.review_note
                FROM break_glass_grants g
                JOIN people p ON p.id = g.person_id
                JOIN staff_members w ON w.id = g.worker_id
                LEFT JOIN staff_members r ON r.id = g.reviewed_by
                WHERE g.person_id = @id
                ORDER BY g.granted_at DESC LIMIT 500
                """, ("id", person));
            lap = Lap("08 emergency accesses", lap);
        }

        // 9. The latest rating with each instrument, how many there have been and the change since the first.
        await PageReadAsync("09 ratings", connection, """
            SELECT r.instrument_id, i.name,
                   (array_agg(r.rated_on ORDER BY r.rated_on DESC, r.recorded_at DESC))[1],
                   (array_agg(r.total ORDER BY r.rated_on DESC, r.recorded_at DESC))[1],
                   count(*),
                   CASE WHEN count(*) > 1 THEN (array_agg(r.total ORDER BY r.rated_on DESC, r.recorded_at DESC))[1]
                                              - (array_agg(r.total ORDER BY r.rated_on, r.recorded_at))[1] END
            FROM ratings r JOIN instruments i ON i.id = r.instrument_id
            WHERE r.person_id = @id
            GROUP BY r.instrument_id, i.name
            ORDER BY i.name
            """, ("id", person));
        lap = Lap("09 ratings", lap);

        // 10. Their strengths, not set aside.
        await PageReadAsync("10 strengths", connection, "SELECT text FROM strengths WHERE person_id = @id AND set_aside_at IS NULL ORDER BY recorded_at", ("id", person));
        lap = Lap("10 strengths", lap);

        // 11. Repeat demand: call-outs and anti-social behaviour reports about them, and at the addresses where theirs
        //     happened (whoever they were about), in the last 183 days; missed appointments in the last 90.
        await PageReadAsync("11 repeat demand", connection, """
            WITH types AS (SELECT code FROM demand_types WHERE counts_towards_repeat_call_outs),
                 theirs AS (SELECT e.address_key, e.occurred_at FROM demand_events e
                            WHERE e.person_id = @id AND e.type_code IN (SELECT code FROM types) AND e.occurred_at >= @callOutsSince)
            SELECT 'person', count(*), max(occurred_at), NULL, NULL, NULL FROM theirs HAVING count(*) >= @callOuts
            UNION ALL
            SELECT 'address', count(*), max(e.occurred_at), min(e.address_line1), min(e.postcode), min(e.uprn)
            FROM demand_events e
            WHERE e.address_key IN (SELECT address_key FROM theirs WHERE address_key IS NOT NULL)
              AND e.type_code IN (SELECT code FROM types) AND e.occurred_at >= @callOutsSince
            GROUP BY e.address_key HAVING count(*) >= @callOuts
            UNION ALL
            SELECT 'missed', count(*), max(occurred_at), NULL, NULL, NULL FROM demand_events
            WHERE person_id = @id AND attendance_code = ANY (@missedCodes) AND occurred_at >= @missedSince HAVING count(*) >= @missed
            """, ("id", person), ("callOutsSince", now.AddDays(-repeats.CallOutDays)), ("callOuts", (long)repeats.CallOuts),
            ("missedCodes", DemandEvent.MissedCodes.ToArray()), ("missedSince", now.AddDays(-repeats.MissedAppointmentDays)), ("missed", (long)repeats.MissedAppointments));
        lap = Lap("11 repeat demand", lap);

        // 12. Possible matches of partners' demand to them, waiting for a worker's decision.
        await PageReadAsync("12 possible matches", connection, "SELECT count(*) FROM demand_match_offers WHERE person_id = @id AND decision IS NULL", ("id", person));
        lap = Lap("12 possible matches", lap);

        // 13. The audit of the read, one row, as the API writes it.
        await using var audit = Command(connection, """
            INSERT INTO audit_records (at, user_id, api_key_id, agency_id, person_id, action, sections, request, reason)
            VALUES (@now, @me, NULL, NULL, @id, 'Read', @sections, 'GetPersonPage', NULL)
            """, ("now", now), ("me", worker), ("id", person), ("sections", Sections));
        await TimedAsync("13 audit", audit, c => c.ExecuteNonQueryAsync());
        Lap("13 audit", lap);
    }

    public static Task MyDayAsync(NpgsqlConnection connection, Guid worker) => QueryAsync(connection, """
        SELECT c.*, p.id, p.preferred_name, p.given_name, p.family_name, p.safety_notes IS NOT NULL, s.display_name
        FROM conversations c JOIN people p ON p.id = c.person_id JOIN staff_members s ON s.id = c.lead_worker_id
        WHERE c.lead_worker_id = @id
        """, ("id", worker));

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static async Task PageReadAsync(string read, NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await TimedAsync(read, command, c => c.ExecuteReaderAsync());
        while (await reader.ReadAsync())
        {
        }
    }

    /// <summary>Runs one of the page's reads, explained and timed when asked (the time includes reading its rows).</summary>
    private static async Task<T> TimedAsync<T>(string read, NpgsqlCommand command, Func<NpgsqlCommand, Task<T>> run)
    {
        if (ExplainTo is { } explain)
        {
            await using var plan = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText, command.Connection);
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                plan.Parameters.Add(parameter.Clone());
            }

            await explain.WriteLineAsync($"-- {read}");
            await using var lines = await plan.ExecuteReaderAsync();
            while (await lines.ReadAsync())
            {
                await explain.WriteLineAsync(lines.GetString(0));
            }
        }

        return await run(command);
    }

    /// <summary>Records the time since <paramref name="since"/> against a read (its rows included), and starts the next.</summary>
    private static long Lap(string read, long since)
    {
        if (ReadTimes is { } times)
        {
            if (!times.TryGetValue(read, out var list))
            {
                times[read] = list = [];
            }

            list.Add(Stopwatch.GetElapsedTime(since).TotalMilliseconds);
        }

        return Stopwatch.GetTimestamp();
    }

    private static async Task QueryAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
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
