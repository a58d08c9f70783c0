using Bogus;
using Locality.Domain.Conversations;
using Locality.Domain.People;
using Npgsql;
using NpgsqlTypes;

namespace Locality.Benchmarks;

/// <summary>
/// Writes a locality of a large council's size straight into PostgreSQL with binary COPY: workers with 40 people
/// each, and each person's conversation with a history over three years. The same seed always gives the same data.
/// </summary>
internal sealed class LocalityGenerator(string databaseConnectionString, int people, long entries, int seed)
{
    private readonly string connectionString = new NpgsqlConnectionStringBuilder(databaseConnectionString) { CommandTimeout = 0 }.ConnectionString;

    public const int PeoplePerWorker = 40;
    private static readonly string[] Phrases =
    [
        "Talked about how the week has gone.", "Went with them to the food bank.", "Helped with the housing form.", "They were low today.",
        "Met at the community hub for the lunch club.", "Talked through the council letter together.", "Walked to the GP surgery together.",
        "Rang to check the appointment letter arrived.", "No answer; left a message.", "They asked to talk next week instead.",
    ];

    public Guid AgencyId { get; } = Guid.CreateVersion7();

    public List<Guid> Workers { get; } = [];

    public List<(Guid Id, string Given, string Family)> People { get; } = [];

    public async Task GenerateAsync()
    {
        var random = new Random(seed);
        var faker = new Faker("en_GB") { Random = new Randomizer(seed) };
        var now = DateTimeOffset.UtcNow;
        var start = now.AddYears(-3);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        var localityId = Guid.CreateVersion7();
        var workerCount = Math.Max(1, people / PeoplePerWorker);
        var teams = Enumerable.Range(0, Math.Max(1, workerCount / 10)).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var command = new NpgsqlCommand(
                         "INSERT INTO localities (id, name, created_at) VALUES (@l, 'Benchmark locality', now()); " +
                         "INSERT INTO agencies (id, name, kind, created_at) VALUES (@a, 'Benchmark council', 'Council', now());", connection))
        {
            command.Parameters.AddWithValue("l", localityId);
            command.Parameters.AddWithValue("a", AgencyId);
            await command.ExecuteNonQueryAsync();
        }

        await CopyAsync(connection, "COPY teams (id, name, agency_id, locality_id, created_at) FROM STDIN (FORMAT BINARY)", teams.Select((t, i) => new object?[]
            { t, $"Team {i + 1}", AgencyId, localityId, now }));
        for (var i = 0; i < workerCount; i++)
        {
            Workers.Add(Guid.CreateVersion7());
        }

        await CopyAsync(connection, "COPY staff_members (id, display_name, email, team_id, is_active, created_at) FROM STDIN (FORMAT BINARY)", Workers.Select((w, i) => new object?[]
            { w, faker.Name.FullName(), $"worker{i}@bench.locality.test", teams[i % teams.Count], true, now }));

        var perPerson = (int)(entries / people);
        var personRows = new List<object?[]>(people);
        var nhsNumbers = new HashSet<string>();
        var conversationRows = new List<object?[]>(people);
        var memberRows = new List<object?[]>(people);
        for (var i = 0; i < people; i++)
        {
            var id = Guid.CreateVersion7();
            var given = faker.Name.FirstName();
            var family = faker.Name.LastName();
            People.Add((id, given, family));
            var dob = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-random.Next(18 * 365, 85 * 365));
            var postcode = $"WN{random.Next(1, 9)} {random.Next(1, 9)}{(char)('A' + random.Next(0, 2))}{(char)('P' + random.Next(0, 8))}";
            string? nhs = null;
            if (random.Next(3) == 0)
            {
                var digits = $"{random.Next(100_000_000, 999_999_999)}";
                nhs = NhsNumber.CheckDigit(digits) is { } check && nhsNumbers.Add(digits + check) ? digits + check : null;
            }

            personRows.Add([id, given, family, random.Next(10) == 0 ? given[..Math.Min(3, given.Length)] : null, dob, nhs, $"{random.Next(1, 200)} Church Street", "Wigan", postcode, now]);
        }

        var conversationIds = new Guid[people];
        var openedAt = new DateTimeOffset[people];
        for (var i = 0; i < people; i++)
        {
            conversationIds[i] = Guid.CreateVersion7();
            openedAt[i] = start.AddMinutes(random.Next(0, 60 * 24 * 180));
        }

        for (var i = 0; i < people; i++)
        {
            var worker = Workers[i / PeoplePerWorker % Workers.Count];
            conversationRows.Add([conversationIds[i], People[i].Id, openedAt[i], worker, null, random.Next(0, 3), random.Next(0, 10) == 0 ? random.Next(1, 6) : 0, "Active", now, now]);
            memberRows.Add([Guid.CreateVersion7(), conversationIds[i], "Lead", worker, AgencyId, openedAt[i]]);
        }

        await CopyAsync(connection, "COPY people (id, given_name, family_name, preferred_name, date_of_birth, nhs_number, address_line1, town, postcode, created_at) FROM STDIN (FORMAT BINARY)", personRows);
        await CopyAsync(connection, "COPY conversations (id, person_id, opened_at, lead_worker_id, last_successful_contact_at, attempts_since_contact, hand_off_count, last_known_state, last_known_state_at, created_at) FROM STDIN (FORMAT BINARY)", conversationRows);
        await CopyAsync(connection, "COPY conversation_members (id, conversation_id, role, worker_id, agency_id, joined_at) FROM STDIN (FORMAT BINARY)", memberRows);

        // Timeline entries are streamed, person by person, so 10^7 rows never sit in memory.
        var connection2 = new NpgsqlConnection(connectionString);
        await connection2.OpenAsync();
        await using (connection2)
        {
            await using var writer = await connection2.BeginBinaryImportAsync(
                "COPY timeline_entries (id, conversation_id, person_id, kind, occurred_at, recorded_at, author_id, author_agency_id, text, method, outcome) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < people; i++)
            {
                var worker = Workers[i / PeoplePerWorker % Workers.Count];
                var at = openedAt[i];
                var span = (now - at).TotalMinutes;
                var count = Math.Max(1, perPerson + random.Next(-perPerson / 2, perPerson / 2 + 1));
                var step = span / count;
                for (var e = 0; e < count; e++)
                {
                    var kind = e == 0 ? EntryKind.Opened : random.Next(10) switch { < 5 => EntryKind.Conversation, < 8 => EntryKind.ContactAttempt, _ => EntryKind.Note };
                    var outcome = kind == EntryKind.ContactAttempt ? (random.Next(3) == 0 ? ContactOutcome.Reached : ContactOutcome.NotReached) : (ContactOutcome?)null;
                    await writer.StartRowAsync();
                    await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await writer.WriteAsync(conversationIds[i], NpgsqlDbType.Uuid);
                    await writer.WriteAsync(People[i].Id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(kind.ToString(), NpgsqlDbType.Varchar);
                    await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(worker, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(AgencyId, NpgsqlDbType.Uuid);
                    await Nullable(writer, kind == EntryKind.Opened ? null : Phrases[random.Next(Phrases.Length)], NpgsqlDbType.Varchar);
                    await Nullable(writer, kind is EntryKind.Conversation or EntryKind.ContactAttempt ? (random.Next(2) == 0 ? "Visit" : "Phone") : null, NpgsqlDbType.Varchar);
                    await Nullable(writer, outcome?.ToString(), NpgsqlDbType.Varchar);
                    at = at.AddMinutes(step * (0.5 + random.NextDouble()));
                    if (at > now)
                    {
                        at = now;
                    }
                }
            }

            await writer.CompleteAsync();
        }

        // Where each conversation stands follows from its entries, as the application keeps it.
        await using (var update = new NpgsqlCommand("""
                         UPDATE conversations c SET last_successful_contact_at = x.last
                         FROM (SELECT person_id, max(occurred_at) AS last FROM timeline_entries
                               WHERE kind = 'Conversation' OR outcome = 'Reached' GROUP BY person_id) x
                         WHERE c.person_id = x.person_id;
                         UPDATE conversations SET last_known_state = 'Quiet'
                         WHERE coalesce(last_successful_contact_at, opened_at) < now() - interval '14 days';
                         """, connection) { CommandTimeout = 1200 })
        {
            await update.ExecuteNonQueryAsync();
        }

        // Vacuum now, so autovacuum does not wake up to do it in the middle of the measurements.
        await using var analyse = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 0 };
        await analyse.ExecuteNonQueryAsync();
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string copy, IEnumerable<object?[]> rows)
    {
        await using var writer = await connection.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null:
                        await writer.WriteNullAsync();
                        break;
                    case DateTimeOffset instant:
                        await writer.WriteAsync(instant, NpgsqlDbType.TimestampTz);
                        break;
                    case DateOnly date:
                        await writer.WriteAsync(date, NpgsqlDbType.Date);
                        break;
                    case string text:
                        await writer.WriteAsync(text, NpgsqlDbType.Text);
                        break;
                    default:
                        await writer.WriteAsync(value);
                        break;
                }
            }
        }

        await writer.CompleteAsync();
    }

    private static async Task Nullable(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(value, type);
        }
    }
}
