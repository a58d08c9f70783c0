using System.Text.Json;
using Bogus;
using Locality.Domain.Conversations;
using Locality.Domain.Demand;
using Locality.Domain.People;
using Locality.Domain.Plans;
using Locality.Domain.Ratings;
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

    private static readonly string[] WhatMatters =
    [
        "Keeping my flat and my cat.", "Seeing my grandchildren at the weekend.", "Getting back to the allotment.",
        "Not being on my own all day.", "Staying out of hospital.", "Sorting the debts so the letters stop.",
    ];

    private static readonly (StrengthKind Kind, string Text)[] StrengthPhrases =
    [
        (StrengthKind.Skill, "Good with their hands: fixes bikes for the neighbours."), (StrengthKind.Interest, "Loves football; goes to every home game."),
        (StrengthKind.Relationship, "Close to their sister, who rings most days."), (StrengthKind.CommunityConnection, "Known at the community hub's lunch club."),
        (StrengthKind.PersonalQuality, "Keeps going when things are hard."), (StrengthKind.Skill, "A good cook; used to work in a café."),
        (StrengthKind.Interest, "Reads a lot; uses the library."), (StrengthKind.Relationship, "Their neighbour looks in on them."),
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid AgencyId { get; } = Guid.CreateVersion7();

    /// <summary>The partners whose people join the team around a person and whose demand is linked to them.</summary>
    private readonly Guid policeId = Guid.CreateVersion7();
    private readonly Guid healthId = Guid.CreateVersion7();
    private readonly Guid housingId = Guid.CreateVersion7();

    public List<Guid> Workers { get; } = [];

    public List<(Guid Id, string Given, string Family)> People { get; } = [];

    private readonly List<(string Line, string Postcode)> homes = [];

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
                         "INSERT INTO agencies (id, name, kind, created_at) VALUES (@a, 'Benchmark council', 'Council', now()), " +
                         "(@police, 'Benchmark police', 'Police', now()), (@health, 'Benchmark GP practices', 'Health', now()), " +
                         "(@housing, 'Benchmark housing association', 'Housing', now());", connection))
        {
            command.Parameters.AddWithValue("l", localityId);
            command.Parameters.AddWithValue("a", AgencyId);
            command.Parameters.AddWithValue("police", policeId);
            command.Parameters.AddWithValue("health", healthId);
            command.Parameters.AddWithValue("housing", housingId);
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

            var line = $"{random.Next(1, 200)} Church Street";
            homes.Add((line, postcode));
            personRows.Add([id, given, family, random.Next(10) == 0 ? given[..Math.Min(3, given.Length)] : null, dob, nhs, line, "Wigan", postcode,
                random.Next(2) == 0 ? WhatMatters[random.Next(WhatMatters.Length)] : null, now]);
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
            memberRows.Add([Guid.CreateVersion7(), conversationIds[i], "Lead", worker, AgencyId, openedAt[i], null]);

            // The team around them: a third have a partner agency in it, a tenth a second worker, some who have left.
            if (random.Next(3) == 0)
            {
                memberRows.Add([Guid.CreateVersion7(), conversationIds[i], "Agency", null, random.Next(2) == 0 ? housingId : healthId, openedAt[i].AddDays(random.Next(1, 200)), null]);
            }

            if (random.Next(10) == 0)
            {
                var joined = openedAt[i].AddDays(random.Next(1, 300));
                memberRows.Add([Guid.CreateVersion7(), conversationIds[i], "Worker", Workers[random.Next(Workers.Count)], AgencyId, joined,
                    random.Next(2) == 0 ? joined.AddDays(random.Next(10, 200)) : null]);
            }
        }

        await CopyAsync(connection, "COPY people (id, given_name, family_name, preferred_name, date_of_birth, nhs_number, address_line1, town, postcode, what_matters_to_me, created_at) FROM STDIN (FORMAT BINARY)", personRows);
        await CopyAsync(connection, "COPY conversations (id, person_id, opened_at, lead_worker_id, last_successful_contact_at, attempts_since_contact, hand_off_count, last_known_state, last_known_state_at, created_at) FROM STDIN (FORMAT BINARY)", conversationRows);
        await CopyAsync(connection, "COPY conversation_members (id, conversation_id, role, worker_id, agency_id, joined_at, left_at) FROM STDIN (FORMAT BINARY)", memberRows);

        // Timeline entries are streamed, person by person, so 10^7 rows never sit in memory. One conversation in a
        // hundred is corrected later, and one entry in four hundred restricted to team leads (and its author).
        var amendmentRows = new List<object?[]>();
        var restrictionRows = new List<object?[]>();
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
                    var entryId = Guid.CreateVersion7();
                    var kind = e == 0 ? EntryKind.Opened : random.Next(10) switch { < 5 => EntryKind.Conversation, < 8 => EntryKind.ContactAttempt, _ => EntryKind.Note };
                    var outcome = kind == EntryKind.ContactAttempt ? (random.Next(3) == 0 ? ContactOutcome.Reached : ContactOutcome.NotReached) : (ContactOutcome?)null;
                    await writer.StartRowAsync();
                    await writer.WriteAsync(entryId, NpgsqlDbType.Uuid);
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
                    if (kind == EntryKind.Conversation && random.Next(100) == 0)
                    {
                        amendmentRows.Add([Guid.CreateVersion7(), entryId, 1, "Wrong day written down.", "Talked about how the week has gone; they start at the food bank on Monday.", worker, AgencyId, at.AddHours(2)]);
                    }
                    else if (kind != EntryKind.Opened && random.Next(400) == 0)
                    {
                        restrictionRows.Add([entryId, People[i].Id, new[] { "TeamLead" }, Array.Empty<Guid>(), "Talks about their family's safety.", at]);
                    }

                    at = at.AddMinutes(step * (0.5 + random.NextDouble()));
                    if (at > now)
                    {
                        at = now;
                    }
                }
            }

            await writer.CompleteAsync();
        }

        await CopyAsync(connection, "COPY timeline_amendments (id, entry_id, sequence, reason, corrected_text, author_id, author_agency_id, recorded_at) FROM STDIN (FORMAT BINARY)", amendmentRows);
        await CopyAsync(connection, "COPY entry_restrictions (entry_id, person_id, roles, user_ids, reason, created_at) FROM STDIN (FORMAT BINARY)", restrictionRows);
        await GenerateRecordAsync(connection, random, now, localityId, teams);

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

    /// <summary>
    /// What the person's page reads beyond the conversation: strengths (some set aside), Chaos Index ratings every
    /// twelve weeks or so, partners' demand linked to them (a few with repeat call-outs at home or missed
    /// appointments), possible matches waiting for a worker, and emergency accesses by other workers.
    /// </summary>
    private async Task GenerateRecordAsync(NpgsqlConnection connection, Random random, DateTimeOffset now, Guid localityId, List<Guid> teams)
    {
        var strengthRows = new List<object?[]>();
        var ratingRows = new List<object?[]>();
        var demandRows = new List<object?[]>();
        var offerRows = new List<object?[]>();
        var grantRows = new List<object?[]>();
        var chaos = ChaosIndex.Definition.Domains;
        Guid instrument;
        Guid version;
        await using (var command = new NpgsqlCommand(
                         "SELECT i.id, v.id FROM instruments i JOIN instrument_versions v ON v.instrument_id = i.id WHERE i.key = @key ORDER BY v.number DESC LIMIT 1", connection))
        {
            command.Parameters.AddWithValue("key", Instrument.ChaosIndexKey);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            (instrument, version) = (reader.GetGuid(0), reader.GetGuid(1));
        }

        for (var i = 0; i < People.Count; i++)
        {
            var person = People[i].Id;
            var workerIndex = i / PeoplePerWorker % Workers.Count;
            var worker = Workers[workerIndex];
            var team = teams[workerIndex % teams.Count];

            for (int n = 0, count = random.Next(0, 6); n < count; n++)
            {
                var (kind, text) = StrengthPhrases[random.Next(StrengthPhrases.Length)];
                var recorded = now.AddDays(-random.Next(1, 900));
                strengthRows.Add([Guid.CreateVersion7(), person, kind.ToString(), text, random.Next(2) == 0 ? "Their key worker" : "They said so themselves", worker, recorded,
                    random.Next(8) == 0 ? recorded.AddDays(random.Next(1, 60)) : null, recorded]);
            }

            // Three in five have been rated, up to eight times, twelve weeks or so apart, the latest in the last quarter.
            if (random.Next(5) < 3)
            {
                var ratedOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-random.Next(0, 84));
                var level = random.Next(1, 4);
                for (int n = 0, count = random.Next(1, 9); n < count; n++)
                {
                    var items = chaos.Select(d => new RatingItem(d.Key, Math.Clamp(level + random.Next(-1, 2), 0, 4), 0, null))
                        .Select((item, d) => item with { Score = chaos[d].Steps[item.Step].Score }).ToList();
                    var recordedAt = new DateTimeOffset(ratedOn.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero);
                    ratingRows.Add([Guid.CreateVersion7(), person, instrument, version, ratedOn, random.Next(4) > 0, new Jsonb(JsonSerializer.Serialize(items, Json)), items.Sum(t => t.Score),
                        worker, AgencyId, recordedAt]);
                    ratedOn = ratedOn.AddDays(-random.Next(70, 100));
                }
            }

            // Partners' demand linked to them: most people a call-out or two over the years; one in seven three or more
            // in the last six months (a repeat at home, counted for the address too); one in ten missed appointments.
            var (home, postcode) = homes[i];
            var recentCallOuts = random.Next(100) switch { < 70 => 0, < 86 => random.Next(1, 3), _ => random.Next(3, 9) };
            for (var n = 0; n < recentCallOuts + random.Next(0, 3); n++)
            {
                var at = n < recentCallOuts ? now.AddDays(-random.Next(1, 180)) : now.AddDays(-random.Next(190, 1095));
                var atHome = random.Next(10) < 6;
                demandRows.Add(Demand(random.Next(3) == 0 ? "asb-report" : "police-call-out", policeId, at, atHome ? home : null, atHome ? postcode : null, person, null, localityId, team));
            }

            if (random.Next(10) == 0)
            {
                for (int n = 0, count = random.Next(1, 4); n < count; n++)
                {
                    demandRows.Add(Demand("missed-appointment", healthId, now.AddDays(-random.Next(1, 89)), null, null, person, random.Next(10) < 8 ? 3 : 7, localityId, team));
                }
            }

            // One in fifty has a possible match waiting: an event about someone of the same family name and birth date.
            if (random.Next(50) == 0)
            {
                var unlinked = Demand("police-call-out", policeId, now.AddDays(-random.Next(1, 60)), home, postcode, null, null, localityId, null);
                demandRows.Add(unlinked);
                offerRows.Add([Guid.CreateVersion7(), unlinked[0], person, "the same family name and date of birth", now.AddDays(-1), now]);
            }

            // One in a hundred was opened in an emergency by another worker; most of those have been reviewed.
            if (random.Next(100) == 0)
            {
                var granted = now.AddDays(-random.Next(1, 300));
                var reviewed = random.Next(4) > 0;
                grantRows.Add([Guid.CreateVersion7(), person, Workers[random.Next(Workers.Count)], "They turned up at the out-of-hours desk; I needed their safety notes.", granted, granted.AddHours(4),
                    reviewed ? worker : null, reviewed ? granted.AddDays(2) : null, reviewed ? "Checked with the worker: a fair use." : null, granted]);
            }
        }

        await CopyAsync(connection, "COPY strengths (id, person_id, kind, text, noticed_by, recorded_by, recorded_at, set_aside_at, created_at) FROM STDIN (FORMAT BINARY)", strengthRows);
        await CopyAsync(connection, "COPY ratings (id, person_id, instrument_id, instrument_version_id, rated_on, person_took_part, items, total, rated_by, rated_by_agency, recorded_at) FROM STDIN (FORMAT BINARY)", ratingRows);
        await CopyAsync(connection, "COPY demand_events (id, type_code, agency_id, occurred_at, postcode, address_line1, address_key, person_id, source_reference, classification, " +
                                    "classified_at, attendance_code, recorded_at, created_at, locality_id, team_id) FROM STDIN (FORMAT BINARY)", demandRows);
        await CopyAsync(connection, "COPY demand_match_offers (id, event_id, person_id, why, offered_at, created_at) FROM STDIN (FORMAT BINARY)", offerRows);
        await CopyAsync(connection, "COPY break_glass_grants (id, person_id, worker_id, reason, granted_at, expires_at, reviewed_by, reviewed_at, review_note, created_at) FROM STDIN (FORMAT BINARY)", grantRows);
        Console.WriteLine($"  {strengthRows.Count:N0} strengths, {ratingRows.Count:N0} ratings, {demandRows.Count:N0} demand events, {offerRows.Count:N0} possible matches, {grantRows.Count:N0} emergency accesses");
    }

    private object?[] Demand(string type, Guid agency, DateTimeOffset at, string? line, string? postcode, Guid? person, int? attendance, Guid locality, Guid? team)
    {
        var id = Guid.CreateVersion7();
        return [id, type, agency, at, postcode, line, DemandEvent.AddressKeyOf(null, postcode, line), person, $"BENCH-{id:N}", "Failure", at, attendance, at, at, locality, team];
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
                    case Jsonb json:
                        await writer.WriteAsync(json.Text, NpgsqlDbType.Jsonb);
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

    private sealed record Jsonb(string Text);
}
