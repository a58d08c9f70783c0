using System.Globalization;
using Locality.Application.Common.Security;
using Locality.Application.Demand;
using Locality.Application.Tests.People;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Locality.Application.Tests.Demand;

/// <summary>
/// The totals PostgreSQL keeps for the demand page (statement triggers on demand_events) against a plain aggregation
/// of the raw events, after inserts, updates of every kind the totals depend on, and deletes. The month is written out
/// here, not taken from the code under test, so a wrong month in the triggers would show.
/// </summary>
public sealed class DemandTotalsTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    private const string LondonMonth = "date_trunc('month', occurred_at AT TIME ZONE 'Europe/London')::date";

    [Fact]
    public async Task TheKeptTotals_EqualAPlainAggregationOfTheRawEvents_AfterInsertsUpdatesAndDeletes()
    {
        var data = await ArrangeAsync();

        await GenerateAsync(data, 1, 3000);
        await GenerateAsync(data, 3001, 4500); // a second statement, adding to totals that already exist
        await ChangeAsync(data);
        await ReclassifyOneThroughTheApplicationAsync(data);

        var (kept, plain) = await MonthlyTotalsAsync();
        Assert.True(plain.Count > 500, $"only {plain.Count} groups were generated");
        Assert.Equal(plain, kept);

        var (keptAddresses, plainAddresses) = await AddressMonthsAsync();
        Assert.True(plainAddresses.Count > 100, $"only {plainAddresses.Count} address months were generated");
        Assert.Equal(plainAddresses, keptAddresses);

        var (keptAllTime, plainAllTime) = await AddressTotalsAsync();
        Assert.Equal(plainAllTime, keptAllTime);

        // The data reached what it was meant to: months that differ in UK and UTC time, all the placements, both
        // classes, missed appointments, deleted and changed rows.
        var shape = await ScalarsAsync(
            """
            SELECT count(*) FILTER (WHERE date_trunc('month', occurred_at AT TIME ZONE 'Europe/London') <> date_trunc('month', occurred_at AT TIME ZONE 'UTC')),
                   count(*) FILTER (WHERE team_id IS NULL AND locality_id IS NOT NULL),
                   count(*) FILTER (WHERE team_id IS NULL AND locality_id IS NULL),
                   count(*) FILTER (WHERE person_id IS NOT NULL),
                   count(*) FILTER (WHERE classification = 'Failure'),
                   count(*) FILTER (WHERE attendance_code IN (3, 7)),
                   count(*) FILTER (WHERE updated_at IS NOT NULL),
                   4500 - count(*)
            FROM demand_events WHERE agency_id = ANY($1)
            """,
            data.Agencies);
        Assert.All(shape, n => Assert.True(n > 10, $"the generated data is thinner than meant: {string.Join(", ", shape)}"));

        // Zero rows are left where a group emptied; they are not figures (the page sums and skips them).
        Assert.True((await ScalarsAsync("SELECT count(*) FROM demand_monthly_totals WHERE events = 0"))[0] > 0);
    }

    [Fact]
    public async Task TheDemandPage_ForALocalityATeamAnAgencyAndAType_ShowsWhatAPlainAggregationOfTheRawEventsShows()
    {
        var data = await ArrangeAsync();
        await GenerateAsync(data, 1, 4000);
        await ChangeAsync(data);
        var lead = data.Leads[0];

        var asked = new (GetDemandEvidence Request, bool Addresses)[]
        {
            (new GetDemandEvidence(LocalityId: data.Localities[0], From: new DateOnly(2023, 1, 1), To: new DateOnly(2025, 12, 1)), true),
            (new GetDemandEvidence(TeamId: data.Teams[0], From: new DateOnly(2023, 1, 1), To: new DateOnly(2026, 1, 1)), true),
            (new GetDemandEvidence(LocalityId: data.Localities[1], From: new DateOnly(2024, 3, 1), To: new DateOnly(2024, 11, 1)), true),
            (new GetDemandEvidence(TeamId: data.Teams[1], From: new DateOnly(2025, 3, 1), To: new DateOnly(2025, 10, 1)), true),

            // The addresses are by locality and team only, whatever the agency and type.
            (new GetDemandEvidence(LocalityId: data.Localities[0], AgencyId: data.Agencies[1], From: new DateOnly(2024, 1, 1), To: new DateOnly(2024, 12, 1)), false),
            (new GetDemandEvidence(TeamId: data.Teams[0], TypeCode: "gp-appointment", From: new DateOnly(2023, 1, 1), To: new DateOnly(2025, 12, 1)), false),
        };

        foreach (var (request, addresses) in asked)
        {
            var page = await app.SendAsync(request, lead);
            var expected = await PlainEvidenceAsync(request);

            Assert.Empty(page.MissingIndices);
            Assert.Equal(expected.Months, page.ByMonth.Select(m => (m.Month, m.Value, m.Failure, m.ValueCost, m.FailureCost)).ToList());
            Assert.Equal((expected.Appointments, expected.Missed), (page.Appointments, page.Missed));
            Assert.Equal((expected.Months.Sum(m => m.Value), expected.Months.Sum(m => m.Failure)), (page.Value, page.Failure));
            Assert.True(page.Value > 0 && page.Failure > 0, "the filter chose no events");
            if (addresses)
            {
                Assert.Equal(10, page.TopAddresses.Count);
                Assert.Equal(expected.TopAddresses, page.TopAddresses.Select(a => (a.AddressKey, a.Events)).ToList());
            }

            if (request.TypeCode is null)
            {
                Assert.True(page.Appointments > 0 && page.Missed > 0, "the filter chose no appointments");
            }
        }
    }

    [Fact]
    public async Task TheBusiestAddressesInTheMonthsChosen_AreFound_WhenHundredsOfOthersAreBusierOverAllTime()
    {
        var data = await ArrangeAsync();

        // 400 addresses with 6 call-outs each in February 2023; in June 2025, 15 other addresses with 1 to 3 and one of
        // the 400 with 2; in July 2025, the 400 again with 1 each, and one more address (first by its key) with 1.
        await ExecuteAsync(
            """
            INSERT INTO demand_events (id, type_code, agency_id, occurred_at, uprn, address_key, source_reference, classification, failure_type_code,
                                       classified_at, recorded_at, created_at, locality_id, team_id)
            SELECT gen_random_uuid(), 'police-call-out', $1, e.at, e.uprn, 'uprn:' || e.uprn, 'TA-' || row_number() OVER (), 'Failure', 'REPEAT_CALLOUT',
                   now(), now(), now(), $2, CASE WHEN e.n % 3 = 0 THEN NULL ELSE $3::uuid END
            FROM (SELECT (200000000000 + a)::text AS uprn, timestamptz '2023-02-10 12:00:00+00' + make_interval(hours => n) AS at, n
                  FROM generate_series(1, 400) a, generate_series(1, 6) n
                  UNION ALL
                  SELECT (300000000000 + a)::text, timestamptz '2025-06-15 12:00:00+01' + make_interval(hours => n), n
                  FROM generate_series(1, 15) a, generate_series(1, 1 + a % 3) n
                  UNION ALL
                  SELECT '200000000007', timestamptz '2025-06-30 23:30:00+01' + make_interval(mins => n), 1 FROM generate_series(0, 1) n
                  UNION ALL
                  SELECT (200000000000 + a)::text, timestamptz '2025-07-01 00:30:00+01', 1 FROM generate_series(1, 400) a
                  UNION ALL
                  SELECT '100000000000', timestamptz '2025-07-15 10:00:00+01', 1) e
            """,
            data.Agencies[0], data.Localities[0], data.Teams[0]);

        foreach (var request in new[]
                 {
                     new GetDemandEvidence(TeamId: data.Teams[0], From: new DateOnly(2025, 6, 1), To: new DateOnly(2025, 6, 1)),
                     new GetDemandEvidence(LocalityId: data.Localities[0], From: new DateOnly(2025, 6, 1), To: new DateOnly(2025, 6, 1)),
                     new GetDemandEvidence(LocalityId: data.Localities[0], From: new DateOnly(2025, 6, 1), To: new DateOnly(2025, 7, 1)),
                     new GetDemandEvidence(LocalityId: data.Localities[0], From: new DateOnly(2025, 7, 1), To: new DateOnly(2025, 7, 1)),
                     new GetDemandEvidence(TeamId: data.Teams[0], From: new DateOnly(2024, 1, 1), To: new DateOnly(2024, 12, 1)),
                 })
        {
            var page = await app.SendAsync(request, data.Leads[0]);
            var expected = await PlainEvidenceAsync(request);
            Assert.Equal(expected.TopAddresses, page.TopAddresses.Select(a => (a.AddressKey, a.Events)).ToList());
            Assert.Equal(request.From!.Value.Year == 2024 ? 0 : 10, page.TopAddresses.Count);
        }
    }

    private sealed record Arranged(TestCurrentUser[] Leads, Guid[] Localities, Guid[] Teams, Guid[] Agencies, Guid[][] People);

    /// <summary>Two team leads (each with their own team and locality), two agencies, three people in each team, and money to value the events.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var leads = new[] { await app.CreateUserAsync(Roles.TeamLead), await app.CreateUserAsync(Roles.TeamLead) };
        var people = new Guid[2][];
        for (var t = 0; t < 2; t++)
        {
            var worker = await app.CreateWorkerInTeamOfAsync(leads[t]);
            people[t] = [(await PeopleMaker.AddAsync(app, worker)).Id, (await PeopleMaker.AddAsync(app, worker)).Id, (await PeopleMaker.AddAsync(app, worker)).Id];
        }

        var agencies = new[] { new Agency(AgencyId.New(), $"Police {Guid.NewGuid():N}"[..20], AgencyKind.Police), new Agency(AgencyId.New(), $"Health {Guid.NewGuid():N}"[..20], AgencyKind.Health) };
        await app.WithDbAsync(async db =>
        {
            db.AddRange(agencies);
            // The test's own valuation (exact uplifts: 125/80, 125/100, 125/125), whatever the installation seeded.
            if (!await db.UnitCosts.AnyAsync(c => c.Code == "T-POLICE"))
            {
                db.UnitCosts.AddRange(
                    new UnitCost("T-POLICE", "Crime", null, "Police call-out", "per incident", 412.37m, "Police", null, "2023/24"),
                    new UnitCost("T-AE", "Health", null, "A&E attendance", "per attendance", 180.05m, "NHS", null, "2024/25"),
                    new UnitCost("T-GP", "Health", null, "GP appointment", "per appointment", 39.00m, "NHS", null, "2025/26"));
                db.PriceIndices.RemoveRange(await db.PriceIndices.ToListAsync());
                db.PriceIndices.AddRange(new PriceIndex("2023/24", 80m, "Test index"), new PriceIndex("2024/25", 100m, "Test index"), new PriceIndex("2025/26", 125m, "Test index"));
                if (await db.CostSettings.SingleOrDefaultAsync() is { } settings)
                {
                    settings.ChoosePriceBase("2025/26");
                }
                else
                {
                    db.CostSettings.Add(new CostSettings("2025/26"));
                }

                await db.SaveChangesAsync();
                var valuation = new Dictionary<string, string> { ["police-call-out"] = "T-POLICE", ["asb-report"] = "T-POLICE", ["ae-attendance"] = "T-AE", ["gp-appointment"] = "T-GP" };
                foreach (var type in await db.DemandTypes.ToListAsync())
                {
                    type.ValueAt(valuation.GetValueOrDefault(type.Code));
                }
            }

            await db.SaveChangesAsync();
        });
        var teams = leads.Select(l => l.TeamId!.Value).ToArray();
        var localities = new Guid[2];
        for (var t = 0; t < 2; t++)
        {
            localities[t] = (await app.WithDbAsync(db => db.Teams.Where(x => x.Id == teams[t]).Select(x => x.LocalityId).SingleAsync())).Value;
        }

        return new Arranged(leads, localities, teams.Select(t => t.Value).ToArray(), agencies.Select(a => a.Id.Value).ToArray(), people);
    }

    /// <summary>
    /// Events <paramref name="first"/> to <paramref name="last"/> in one INSERT statement, each chosen from hashes of
    /// its number (the same every run): a type (a quarter of them call-outs or anti-social behaviour reports), an
    /// agency, where it counts (team 1, team 2, a locality without a team, nowhere), a person for half the team's
    /// events, value or failure with a failure type, attendance codes 0–7 on appointments, an address from a small
    /// pool (UPRNs; postcodes with first lines written differently; a postcode alone; none), and a time over three
    /// years, a quarter of them within an hour and a half of midnight at the turn of a UTC month, where UK summer
    /// time puts them in the next month.
    /// </summary>
    private async Task GenerateAsync(Arranged data, int first, int last)
    {
        await ExecuteAsync(
            """
            WITH h AS (
                SELECT g, hashint4(g)::bigint + 2147483648 AS a, hashint4(g + 7000000)::bigint + 2147483648 AS b,
                       hashint4(g + 14000000)::bigint + 2147483648 AS c, hashint4(g + 21000000)::bigint + 2147483648 AS d
                FROM generate_series($1::int, $2::int) g),
            types AS (SELECT array_agg(code ORDER BY code) AS code FROM demand_types),
            failures AS (SELECT array_agg(code ORDER BY code) AS code FROM failure_types),
            chosen AS (
                SELECT h.g, h.d,
                       CASE WHEN h.a % 4 = 0 THEN (ARRAY['police-call-out', 'asb-report'])[1 + h.a / 4 % 2] ELSE t.code[1 + h.a / 4 % cardinality(t.code)] END AS type_code,
                       CASE WHEN h.b % 3 = 0 THEN $4::uuid ELSE $3::uuid END AS agency_id,
                       h.c % 10 AS placement,
                       CASE WHEN h.b / 3 % 5 < 2 THEN 'Failure' ELSE 'Value' END AS classification,
                       f.code[1 + h.b / 15 % cardinality(f.code)] AS failure_type_code,
                       CASE WHEN h.a / 64 % 4 = 0
                            THEN (timestamp '2023-01-01 00:00' + make_interval(months => (h.c / 10 % 37)::int)) AT TIME ZONE 'UTC'
                                 + make_interval(mins => (ARRAY[-90, -61, -60, -30, -1, 0, 1, 30, 59, 61])[1 + h.d % 10])
                            ELSE timestamptz '2023-01-01 00:00:00+00' + make_interval(secs => (h.d % (1096 * 86400))::double precision) END AS occurred_at,
                       h.b / 135 % 40 AS address
                FROM h CROSS JOIN types t CROSS JOIN failures f),
            placed AS (
                SELECT c.*, d.records_attendance,
                       CASE WHEN c.address < 15 THEN (100000000000 + c.address % 8)::text END AS uprn,
                       CASE WHEN c.address BETWEEN 15 AND 34 THEN (ARRAY['WN1 1AA', 'WN2 2BB', 'WN3 3CC'])[1 + c.address % 3]
                            WHEN c.address < 15 AND c.address % 2 = 0 THEN 'WN5 5EE' END AS postcode,
                       CASE WHEN c.address BETWEEN 15 AND 29 THEN (ARRAY['4 Mill Lane', 'Flat 2, Ashton House', '12 Church St.'])[1 + c.address / 3 % 3] END AS line
                FROM chosen c JOIN demand_types d ON d.code = c.type_code)
            INSERT INTO demand_events (id, type_code, agency_id, occurred_at, uprn, postcode, address_line1, address_key, person_id, source_reference,
                                       classification, failure_type_code, classified_at, attendance_code, recorded_at, created_at, locality_id, team_id)
            SELECT gen_random_uuid(), p.type_code, p.agency_id, p.occurred_at, p.uprn, p.postcode, p.line,
                   CASE WHEN p.uprn IS NOT NULL THEN 'uprn:' || p.uprn
                        WHEN p.line IS NOT NULL THEN 'address:' || p.postcode || '|' || lower(regexp_replace(p.line, '[^[:alnum:]]', '', 'g')) END,
                   CASE WHEN p.placement < 4 AND p.d % 2 = 0 THEN ($7::uuid[])[1 + p.d / 2 % 3]
                        WHEN p.placement IN (4, 5) AND p.d % 2 = 0 THEN ($8::uuid[])[1 + p.d / 2 % 3] END,
                   'DT-' || p.g, p.classification, CASE WHEN p.classification = 'Failure' THEN p.failure_type_code END, now(),
                   CASE WHEN p.records_attendance THEN (p.d / 7 % 8)::int END, now(), now(),
                   CASE WHEN p.placement < 4 OR p.placement IN (6, 7) THEN $5::uuid WHEN p.placement IN (4, 5, 8) THEN $6::uuid END,
                   CASE WHEN p.placement < 4 THEN $9::uuid WHEN p.placement IN (4, 5) THEN $10::uuid END
            FROM placed p
            """,
            first, last, data.Agencies[0], data.Agencies[1], data.Localities[0], data.Localities[1], data.People[0], data.People[1], data.Teams[0], data.Teams[1]);
    }

    /// <summary>
    /// Every kind of change the totals depend on, each a statement over many rows: reclassified both ways; unlinked
    /// from a team (and a person); linked to a team, a locality and a person; moved in time and to the other agency
    /// (some across a month's end); given another type (in and out of the call-out types); touched without changing
    /// anything counted; and deleted.
    /// </summary>
    private Task ChangeAsync(Arranged data) => ExecuteAsync(
        """
        UPDATE demand_events SET classification = CASE classification WHEN 'Value' THEN 'Failure' ELSE 'Value' END,
                                 failure_type_code = CASE classification WHEN 'Value' THEN 'CHASE' END, updated_at = now()
        WHERE agency_id = ANY($1) AND split_part(source_reference, '-', 2)::int % 7 = 0;

        UPDATE demand_events SET team_id = NULL, person_id = NULL, updated_at = now()
        WHERE agency_id = ANY($1) AND team_id = $2 AND split_part(source_reference, '-', 2)::int % 11 IN (1, 2);

        UPDATE demand_events SET team_id = $3, locality_id = $4, person_id = $5, updated_at = now()
        WHERE agency_id = ANY($1) AND locality_id IS NULL AND split_part(source_reference, '-', 2)::int % 3 = 0;

        UPDATE demand_events SET locality_id = $6, updated_at = now()
        WHERE agency_id = ANY($1) AND locality_id IS NULL AND split_part(source_reference, '-', 2)::int % 3 = 1;

        UPDATE demand_events SET occurred_at = occurred_at + interval '45 minutes',
                                 agency_id = CASE WHEN agency_id = $1[1] THEN $1[2] ELSE $1[1] END, updated_at = now()
        WHERE agency_id = ANY($1) AND split_part(source_reference, '-', 2)::int % 13 = 0;

        UPDATE demand_events SET type_code = CASE type_code WHEN 'police-call-out' THEN 'arrest' WHEN 'arrest' THEN 'asb-report' ELSE 'police-call-out' END, updated_at = now()
        WHERE agency_id = ANY($1) AND attendance_code IS NULL AND split_part(source_reference, '-', 2)::int % 17 = 0;

        UPDATE demand_events SET updated_at = now()
        WHERE agency_id = ANY($1) AND split_part(source_reference, '-', 2)::int % 5 = 0;

        DELETE FROM demand_events WHERE agency_id = ANY($1) AND split_part(source_reference, '-', 2)::int % 19 = 0;
        DELETE FROM demand_events WHERE agency_id = ANY($1) AND team_id = $3 AND occurred_at < timestamptz '2023-04-01 00:00:00+01';
        """,
        data.Agencies, data.Teams[0], data.Teams[1], data.Localities[1], data.People[1][0], data.Localities[0]);

    /// <summary>The way a team lead changes one event: through the application (EF Core, one row).</summary>
    private async Task ReclassifyOneThroughTheApplicationAsync(Arranged data)
    {
        var person = data.People[0][0];
        var events = await app.SendAsync(new GetPersonDemand(person), data.Leads[0]);
        var value = events.First(e => e.Classification == DemandClass.Value);
        var failure = events.First(e => e.Classification == DemandClass.Failure);
        await app.SendAsync(new ReclassifyDemandEvent(person, value.Id, DemandClass.Failure, "PASSED_ON", "Sent back by the service it was referred to", value.Version), data.Leads[0]);
        await app.SendAsync(new ReclassifyDemandEvent(person, failure.Id, DemandClass.Value, null, "The first call about a new worry", failure.Version), data.Leads[0]);
    }

    private async Task<(List<string> Kept, List<string> Plain)> MonthlyTotalsAsync() => (
        await RowsAsync(
            """
            SELECT month, locality_id, team_id, agency_id, type_code, classification, failure_type_code,
                   sum(events)::bigint, sum(appointments)::bigint, sum(missed)::bigint
            FROM demand_monthly_totals
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            HAVING sum(events) <> 0 OR sum(appointments) <> 0 OR sum(missed) <> 0
            ORDER BY 1, 2, 3, 4, 5, 6, 7
            """),
        await RowsAsync(
            $"""
            SELECT {LondonMonth}, locality_id, team_id, agency_id, type_code, classification, failure_type_code,
                   count(*), count(*) FILTER (WHERE attendance_code BETWEEN 2 AND 7), count(*) FILTER (WHERE attendance_code IN (3, 7))
            FROM demand_events
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            ORDER BY 1, 2, 3, 4, 5, 6, 7
            """));

    private async Task<(List<string> Kept, List<string> Plain)> AddressMonthsAsync() => (
        await RowsAsync(
            """
            SELECT month, locality_id, team_id, address_key, sum(events)::bigint
            FROM demand_address_months
            GROUP BY 1, 2, 3, 4
            HAVING sum(events) <> 0
            ORDER BY 1, 2, 3, 4
            """),
        await RowsAsync(
            $"""
            SELECT {LondonMonth}, locality_id, team_id, address_key, count(*)
            FROM demand_events
            WHERE address_key IS NOT NULL AND type_code IN (SELECT code FROM demand_types WHERE counts_towards_repeat_call_outs)
            GROUP BY 1, 2, 3, 4
            ORDER BY 1, 2, 3, 4
            """));

    private async Task<(List<string> Kept, List<string> Plain)> AddressTotalsAsync() => (
        await RowsAsync("SELECT locality_id, address_key, events FROM demand_address_totals WHERE events <> 0 ORDER BY 1, 2"),
        await RowsAsync(
            """
            SELECT locality_id, address_key, count(*)
            FROM demand_events
            WHERE address_key IS NOT NULL AND locality_id IS NOT NULL
              AND type_code IN (SELECT code FROM demand_types WHERE counts_towards_repeat_call_outs)
            GROUP BY 1, 2
            ORDER BY 1, 2
            """));

    private sealed record Evidence(
        List<(DateOnly Month, long Value, long Failure, decimal? ValueCost, decimal? FailureCost)> Months, long Appointments, long Missed,
        List<(string Key, long Events)> TopAddresses);

    /// <summary>What the page should show, straight from the raw events: counts by month, and money at the unit costs uprated by the indices.</summary>
    private async Task<Evidence> PlainEvidenceAsync(GetDemandEvidence request)
    {
        var filter = $"""
            {LondonMonth} BETWEEN $1 AND $2 AND ($3::uuid IS NULL OR locality_id = $3) AND ($4::uuid IS NULL OR team_id = $4)
            """;
        var values = new object?[] { request.From!.Value, request.To!.Value, request.LocalityId, request.TeamId, request.AgencyId, request.TypeCode };
        var byMonth = new Dictionary<DateOnly, (long Value, long Failure, decimal ValueCost, decimal FailureCost)>();
        long appointments = 0, missed = 0;
        await using (var connection = await OpenAsync())
        await using (var command = Command(
            connection,
            $"""
            SELECT {LondonMonth},
                   count(*) FILTER (WHERE classification = 'Value'), count(*) FILTER (WHERE classification = 'Failure'),
                   count(*) FILTER (WHERE attendance_code BETWEEN 2 AND 7), count(*) FILTER (WHERE attendance_code IN (3, 7)),
                   coalesce(sum(c.cost * base.value / i.value) FILTER (WHERE classification = 'Value'), 0),
                   coalesce(sum(c.cost * base.value / i.value) FILTER (WHERE classification = 'Failure'), 0)
            FROM demand_events e
            JOIN demand_types t ON t.code = e.type_code
            LEFT JOIN unit_costs c ON c.code = t.unit_cost_code
            LEFT JOIN price_indices i ON i.year = c.price_year
            CROSS JOIN cost_settings s JOIN price_indices base ON base.year = s.price_base
            WHERE {filter} AND ($5::uuid IS NULL OR agency_id = $5) AND ($6::text IS NULL OR type_code = $6)
            GROUP BY 1
            """,
            values))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                byMonth[reader.GetFieldValue<DateOnly>(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetDecimal(5), reader.GetDecimal(6));
                appointments += reader.GetInt64(3);
                missed += reader.GetInt64(4);
            }
        }

        var months = new List<(DateOnly, long, long, decimal?, decimal?)>();
        for (var month = request.From.Value; month <= request.To.Value; month = month.AddMonths(1))
        {
            var m = byMonth.GetValueOrDefault(month);
            months.Add((month, m.Value, m.Failure, m.ValueCost, m.FailureCost));
        }

        var top = (await RowsAsync(
                $"""
                SELECT address_key, count(*) AS n FROM demand_events
                WHERE address_key IS NOT NULL AND type_code IN (SELECT code FROM demand_types WHERE counts_towards_repeat_call_outs) AND {filter}
                GROUP BY address_key ORDER BY n DESC, address_key LIMIT 10
                """,
                values[..4]))
            .Select(r => r.Split('\t')).Select(r => (r[0], long.Parse(r[1], CultureInfo.InvariantCulture))).ToList();
        return new Evidence(months, appointments, missed, top);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    private async Task ExecuteAsync(string sql, params object?[] values)
    {
        await using var connection = await OpenAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var command = new NpgsqlBatchCommand(statement);
            var used = values.Select((_, i) => i + 1).Where(i => statement.Contains($"${i}", StringComparison.Ordinal)).DefaultIfEmpty(0).Max();
            foreach (var value in values.Take(used))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>Each row as its values joined by tabs, nulls as "-", so two results compare row by row with a readable difference.</summary>
    private async Task<List<string>> RowsAsync(string sql, params object?[] values)
    {
        var rows = new List<string>();
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('\t', Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "-" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private async Task<long[]> ScalarsAsync(string sql, params object?[] values)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetInt64).ToArray();
    }
}
