using System.Diagnostics;
using System.Globalization;
using Bogus;
using Locality.Domain.Demand;
using Npgsql;
using NpgsqlTypes;

namespace Locality.Benchmarks;

/// <summary>
/// One locality's demand over three years, written straight into PostgreSQL with binary COPY: agencies, teams with
/// their team leads and key workers, people with a conversation each (opened over the three years), and demand
/// events arriving a month at a time as partner imports would, so the statement triggers keep the totals as the rows
/// go in. The mix: mostly police call-outs and anti-social behaviour reports, then A&amp;E, ambulance call-outs and
/// appointments with attendance codes; about 40% linked to a person (counted in their team), the rest to the
/// locality; addresses heavy-tailed (a few addresses have thousands of call-outs, most have one or two). The same
/// seed gives the same data, apart from the ids.
/// </summary>
internal sealed class DemandGenerator(string databaseConnectionString, long events, int people, int teams, int seed)
{
    public const int PeoplePerWorker = 40;
    public const string LeadPassword = "benchmark password long enough";
    public const string IndexSource = "Benchmark: an illustrative series, not official figures";
    private const int Addresses = 150_000;
    private const int Batches = 36;

    private static readonly string[] Streets =
    [
        "Church Street", "Mill Lane", "Station Road", "Wigan Road", "Market Street", "Park Avenue", "Bridge Street", "Chapel Lane",
        "Victoria Road", "Ashton Close", "Kenyon Court", "Hope Street", "Spring Gardens", "Greenfield Way", "Canal Side",
    ];

    /// <summary>Type, share of all events (per thousand), agency (index into the agencies), share that is failure demand, failure types to choose from.</summary>
    private static readonly (string Type, int PerThousand, int Agency, double Failure, string[] FailureTypes)[] Mix =
    [
        ("police-call-out", 300, 0, 0.55, ["REPEAT_CALLOUT", "REPEAT", "PASSED_ON"]),
        ("asb-report", 180, 0, 0.50, ["REPEAT_CALLOUT", "REPEAT", "CHASE"]),
        ("arrest", 40, 0, 0.30, ["REPEAT"]),
        ("night-in-custody", 15, 0, 0.30, ["REPEAT"]),
        ("ae-attendance", 120, 1, 0.40, ["REPEAT", "NOT_RIGHT_FIRST_TIME", "PASSED_ON"]),
        ("emergency-admission", 30, 1, 0.35, ["REPEAT", "NOT_RIGHT_FIRST_TIME"]),
        ("mental-health-crisis", 30, 1, 0.45, ["REPEAT", "RE_ASSESS", "PASSED_ON"]),
        ("ambulance-call-out", 80, 2, 0.45, ["REPEAT_CALLOUT", "REPEAT"]),
        ("gp-appointment", 100, 3, 0.15, ["DNA", "CLARIFY", "RE_ASSESS"]),
        ("missed-appointment", 30, 3, 1.00, ["DNA"]),
        ("homelessness-presentation", 20, 4, 0.40, ["REPEAT", "PASSED_ON", "RE_ASSESS"]),
        ("eviction-notice", 10, 4, 0.50, ["NOT_RIGHT_FIRST_TIME"]),
        ("complaint", 25, 4, 0.90, ["COMPLAINT"]),
        ("repeat-contact", 20, 4, 1.00, ["CHASE", "CLARIFY"]),
    ];

    private static readonly (string Name, string Kind, string Prefix)[] AgencyNames =
    [
        ("Benchmark police", "Police", "POL"), ("Benchmark hospital trust", "Health", "HOS"), ("Benchmark ambulance service", "Health", "AMB"),
        ("Benchmark GP practices", "Health", "GP"), ("Benchmark council", "Council", "CC"),
    ];

    private readonly string connectionString = new NpgsqlConnectionStringBuilder(databaseConnectionString) { CommandTimeout = 0 }.ConnectionString;

    public Guid LocalityId { get; } = Guid.CreateVersion7();

    public List<Guid> Agencies { get; } = [];

    public List<Guid> Teams { get; } = [];

    /// <summary>Each team's lead, a staff member who can be given a sign-in (lead{n}@bench.locality.test).</summary>
    public List<(Guid Id, string Email)> Leads { get; } = [];

    public TimeSpan EventsTook { get; private set; }

    public async Task GenerateAsync()
    {
        var random = new Random(seed);
        var faker = new Faker("en_GB") { Random = new Randomizer(seed) };
        var now = DateTimeOffset.UtcNow;
        var start = now.AddYears(-3);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        // Organisations: the locality, the agencies (the council employs the teams), teams, team leads and key workers.
        Agencies.AddRange(AgencyNames.Select(_ => Guid.CreateVersion7()));
        await ExecuteAsync(connection, "INSERT INTO localities (id, name, created_at) VALUES ($1, 'Benchmark locality', now())", LocalityId);
        await CopyAsync(connection, "COPY agencies (id, name, kind, created_at) FROM STDIN (FORMAT BINARY)",
            AgencyNames.Select((a, i) => new object?[] { Agencies[i], a.Name, a.Kind, now }));
        var council = Agencies[^1];
        Teams.AddRange(Enumerable.Range(0, teams).Select(_ => Guid.CreateVersion7()));
        await CopyAsync(connection, "COPY teams (id, name, agency_id, locality_id, created_at) FROM STDIN (FORMAT BINARY)",
            Teams.Select((t, i) => new object?[] { t, $"Benchmark team {i + 1}", council, LocalityId, now }));
        var workers = Enumerable.Range(0, Math.Max(teams, people / PeoplePerWorker)).Select(_ => Guid.CreateVersion7()).ToList();
        Leads.AddRange(Teams.Select((_, i) => (Guid.CreateVersion7(), $"lead{i}@bench.locality.test")));
        await CopyAsync(connection, "COPY staff_members (id, display_name, email, team_id, is_active, created_at) FROM STDIN (FORMAT BINARY)",
            Leads.Select((l, i) => new object?[] { l.Id, faker.Name.FullName(), l.Email, Teams[i], true, now })
                .Concat(workers.Select((w, i) => new object?[] { w, faker.Name.FullName(), $"demand.worker{i}@bench.locality.test", Teams[i % teams], true, now })));

        // People, each with a home address from the pool and a conversation led by a worker, opened over the three years.
        var personIds = new Guid[people];
        var personTeam = new int[people];
        var personHome = new int[people];
        var personRows = new List<object?[]>(people);
        var conversationRows = new List<object?[]>(people);
        var memberRows = new List<object?[]>(people);
        for (var i = 0; i < people; i++)
        {
            personIds[i] = Guid.CreateVersion7();
            var worker = i / PeoplePerWorker % workers.Count;
            personTeam[i] = worker % teams;
            personHome[i] = random.Next(Addresses);
            var (_, postcode, line) = AddressOf(personHome[i]);
            var dob = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-random.Next(18 * 365, 85 * 365));
            personRows.Add([personIds[i], faker.Name.FirstName(), faker.Name.LastName(), null, dob, null, line, "Wigan", postcode ?? "WN1 1AA", now]);
            var conversation = Guid.CreateVersion7();
            var opened = start.AddMinutes(random.NextDouble() * (now - start).TotalMinutes * 0.95);
            conversationRows.Add([conversation, personIds[i], opened, workers[worker], null, 0, 0, "Active", now, now]);
            memberRows.Add([Guid.CreateVersion7(), conversation, "Lead", workers[worker], council, opened]);
        }

        await CopyAsync(connection, "COPY people (id, given_name, family_name, preferred_name, date_of_birth, nhs_number, address_line1, town, postcode, created_at) FROM STDIN (FORMAT BINARY)", personRows);
        await CopyAsync(connection, "COPY conversations (id, person_id, opened_at, lead_worker_id, last_successful_contact_at, attempts_since_contact, hand_off_count, last_known_state, last_known_state_at, created_at) FROM STDIN (FORMAT BINARY)", conversationRows);
        await CopyAsync(connection, "COPY conversation_members (id, conversation_id, role, worker_id, agency_id, joined_at) FROM STDIN (FORMAT BINARY)", memberRows);

        // Money: price indices for every year the unit costs are priced in (an illustrative 2% a year), the price base
        // this financial year, and what each team cost, so every money figure on the page is computed.
        var thisYear = now.Year;
        await ExecuteAsync(connection, $"""
            INSERT INTO price_indices (year, value, source, created_at)
            SELECT y || '/' || lpad(((y + 1) % 100)::text, 2, '0'), round(100 * power(0.98, {thisYear} - y)::numeric, 2), '{IndexSource}', now()
            FROM generate_series(1995, {thisYear}) y
            ON CONFLICT (year) DO NOTHING
            """);
        await ExecuteAsync(connection, """
            INSERT INTO cost_settings (id, price_base, created_at) VALUES (1, $1, now())
            ON CONFLICT (id) DO UPDATE SET price_base = excluded.price_base
            """, FinancialYear.Of(DateOnly.FromDateTime(now.UtcDateTime)));
        await ExecuteAsync(connection, $"""
            INSERT INTO service_costs (id, team_id, "from", "to", amount, price_year, note, created_at)
            SELECT gen_random_uuid(), t.id, make_date(y, 4, 1), make_date(y + 1, 3, 31), 240000, y || '/' || lpad(((y + 1) % 100)::text, 2, '0'), 'Benchmark', now()
            FROM teams t CROSS JOIN generate_series({thisYear - 4}, {thisYear}) y
            WHERE t.locality_id = $1
            """, LocalityId);

        // Demand events, a month's imports at a time.
        var clock = Stopwatch.StartNew();
        var cumulative = new int[Mix.Length];
        for (int i = 0, sum = 0; i < Mix.Length; i++)
        {
            cumulative[i] = sum += Mix[i].PerThousand;
        }

        var addressKeys = new string?[Addresses];
        var uprns = new string?[Addresses];
        var postcodes = new string?[Addresses];
        var lines = new string?[Addresses];
        for (var a = 0; a < Addresses; a++)
        {
            (uprns[a], postcodes[a], lines[a]) = AddressOf(a);
            addressKeys[a] = DemandEvent.AddressKeyOf(uprns[a], postcodes[a], lines[a]);
        }

        long written = 0;
        var span = (now - start).TotalSeconds / Batches;
        for (var batch = 0; batch < Batches; batch++)
        {
            var from = start.AddSeconds(span * batch);
            var arrived = start.AddSeconds(span * (batch + 1));
            var count = events * (batch + 1) / Batches - written;
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY demand_events (id, type_code, agency_id, occurred_at, uprn, postcode, address_line1, address_key, person_id, source_reference, " +
                "classification, failure_type_code, classified_at, attendance_code, recorded_at, created_at, locality_id, team_id) FROM STDIN (FORMAT BINARY)");
            for (var n = 0; n < count; n++)
            {
                var pick = random.Next(cumulative[^1]);
                var t = 0;
                while (cumulative[t] <= pick)
                {
                    t++;
                }

                var (type, _, agency, failureShare, failureTypes) = Mix[t];
                var linked = random.NextDouble() < 0.4;
                var person = linked ? (int)(people * Math.Pow(random.NextDouble(), 1.3)) : -1;
                var callOut = t is 0 or 1 or 7;
                int? address = linked && random.NextDouble() < 0.6 ? personHome[person]
                    : random.NextDouble() < (callOut ? 0.95 : 0.5) ? (int)(Addresses * Math.Pow(random.NextDouble(), 2.0))
                    : null;
                var failure = random.NextDouble() < failureShare;
                int? attendance = type switch
                {
                    "gp-appointment" => random.Next(100) switch { < 70 => 5, < 78 => 6, < 88 => 3, < 93 => 2, < 97 => 4, < 99 => 7, _ => 1 },
                    "missed-appointment" => random.Next(10) < 8 ? 3 : 7,
                    _ => null,
                };

                writer.StartRow();
                writer.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                writer.Write(type, NpgsqlDbType.Varchar);
                writer.Write(Agencies[agency], NpgsqlDbType.Uuid);
                writer.Write(from.AddSeconds(random.NextDouble() * span), NpgsqlDbType.TimestampTz);
                Text(writer, address is { } u ? uprns[u] : null);
                Text(writer, address is { } p ? postcodes[p] : null);
                Text(writer, address is { } l ? lines[l] : null);
                Text(writer, address is { } k ? addressKeys[k] : null);
                if (linked)
                {
                    writer.Write(personIds[person], NpgsqlDbType.Uuid);
                }
                else
                {
                    writer.WriteNull();
                }

                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{AgencyNames[agency].Prefix}-{written + n}"), NpgsqlDbType.Varchar);
                writer.Write(failure ? "Failure" : "Value", NpgsqlDbType.Varchar);
                Text(writer, failure ? failureTypes[random.Next(failureTypes.Length)] : null);
                writer.Write(arrived, NpgsqlDbType.TimestampTz);
                if (attendance is { } code)
                {
                    writer.Write(code, NpgsqlDbType.Integer);
                }
                else
                {
                    writer.WriteNull();
                }

                writer.Write(arrived, NpgsqlDbType.TimestampTz);
                writer.Write(arrived, NpgsqlDbType.TimestampTz);

                // A linked event counts in the person's team; most others in the locality the import named.
                if (linked || random.Next(10) > 0)
                {
                    writer.Write(LocalityId, NpgsqlDbType.Uuid);
                }
                else
                {
                    writer.WriteNull();
                }

                if (linked)
                {
                    writer.Write(Teams[personTeam[person]], NpgsqlDbType.Uuid);
                }
                else
                {
                    writer.WriteNull();
                }
            }

            await writer.CompleteAsync();
            written += count;
            Console.WriteLine($"  {written:N0} events in {clock.Elapsed.TotalSeconds:0} s");
        }

        EventsTook = clock.Elapsed;

        // Vacuum now, so autovacuum does not start on ten million new rows in the middle of the measurements.
        await ExecuteAsync(connection, "VACUUM (ANALYZE)");
    }

    /// <summary>
    /// The pool's address <paramref name="a"/>: seven in ten with a UPRN (and a postcode and first line), the rest a
    /// postcode and first line only, in a few different spellings.
    /// </summary>
    private static (string? Uprn, string? Postcode, string? Line) AddressOf(int a)
    {
        var postcode = string.Create(CultureInfo.InvariantCulture, $"WN{1 + a % 8} {a / 8 % 10}{(char)('A' + a / 80 % 26)}{(char)('A' + a / 2080 % 26)}");
        var line = string.Create(CultureInfo.InvariantCulture, $"{1 + a % 120} {Streets[a / 3 % Streets.Length]}");
        return a % 10 < 7
            ? (string.Create(CultureInfo.InvariantCulture, $"{100_000_000_000L + a}"), postcode, line)
            : (null, postcode, (a / 10 % 3) switch { 0 => line, 1 => line.ToUpperInvariant(), _ => line.Replace(" ", ", ", StringComparison.Ordinal) });
    }

    private static void Text(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Varchar);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
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
}
