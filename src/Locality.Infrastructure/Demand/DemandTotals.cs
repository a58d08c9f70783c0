using Locality.Application.Demand;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;

namespace Locality.Infrastructure.Demand;

/// <summary>Reads the totals PostgreSQL keeps (<see cref="Persistence.Migrations.Sql.DemandTotalsSql"/>) and compares each person's months before and after.</summary>
internal sealed class DemandTotals(LocalityDbContext db) : IDemandTotals
{
    private const string Filters = " AND ($3::uuid IS NULL OR locality_id = $3) AND ($4::uuid IS NULL OR team_id = $4)";

    public async Task<IReadOnlyList<MonthTotal>> MonthlyAsync(DemandFilter filter, CancellationToken cancellationToken)
    {
        var rows = new List<MonthTotal>();
        await using var command = await db.CommandAsync(
            "SELECT month, classification, type_code, sum(events)::bigint, sum(appointments)::bigint, sum(missed)::bigint FROM demand_monthly_totals " +
            "WHERE month BETWEEN $1 AND $2" + Filters + " AND ($5::uuid IS NULL OR agency_id = $5) AND ($6::text IS NULL OR type_code = $6) " +
            "GROUP BY month, classification, type_code",
            cancellationToken, filter.From, filter.To, filter.LocalityId, filter.TeamId, filter.AgencyId, filter.TypeCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MonthTotal(reader.GetFieldValue<DateOnly>(0), Enum.Parse<DemandClass>(reader.GetString(1)), reader.GetString(2),
                reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return rows;
    }

    /// <summary>
    /// A team's months are few enough to sum (tens of thousands of address-months a year, read from a covering index).
    /// A locality's are not (a million a year at ten million events), so its addresses are taken from the busiest over
    /// all time down (<c>demand_address_totals</c>) and only theirs are summed: an address's events in the months
    /// chosen are at most its events over all time, so when the last of the <paramref name="count"/> busiest of the
    /// first candidates has more in those months than the next address has ever had, the list is complete; if not,
    /// every address with at least that many events over all time is summed, which no other address can beat. Each
    /// try is one statement, so it reads one snapshot.
    /// </summary>
    public async Task<IReadOnlyList<(string Key, long Events)>> TopAddressesAsync(DemandFilter filter, int count, CancellationToken cancellationToken)
    {
        if (filter.TeamId is not null || filter.LocalityId is not { } locality)
        {
            return await ReadAddressesAsync(
                "SELECT address_key, sum(events)::bigint AS n FROM demand_address_months WHERE month BETWEEN $1 AND $2" + Filters +
                " GROUP BY address_key HAVING sum(events) > 0 ORDER BY n DESC, address_key LIMIT $5",
                cancellationToken, filter.From, filter.To, filter.LocalityId, filter.TeamId, count);
        }

        const string Busiest = """
            WITH candidate AS MATERIALIZED (
                SELECT address_key, events FROM demand_address_totals
                WHERE locality_id = $3 AND events >= $5
                ORDER BY events DESC, address_key LIMIT $6),
            taken AS (SELECT count(*) AS candidates, coalesce(min(events), 0) AS bound FROM candidate),
            found AS (
                SELECT m.address_key, sum(m.events)::bigint AS n
                FROM candidate c JOIN demand_address_months m ON m.locality_id = $3 AND m.address_key = c.address_key
                WHERE m.month BETWEEN $1 AND $2
                GROUP BY m.address_key HAVING sum(m.events) > 0
                ORDER BY n DESC, m.address_key LIMIT $4)
            SELECT f.address_key, f.n, r.candidates, r.bound
            FROM taken r LEFT JOIN found f ON true
            ORDER BY f.n DESC, f.address_key
            """;
        const int First = 200;
        var (rows, read, bound) = await BusiestAsync(Busiest, filter, locality, count, 1, First, cancellationToken);
        if (read < First || (rows.Count == count && rows[^1].Events > bound))
        {
            return rows;
        }

        // Every address that could reach the list has at least as many events over all time as the last one found.
        return rows.Count == count
            ? (await BusiestAsync(Busiest, filter, locality, count, rows[^1].Events, int.MaxValue, cancellationToken)).Rows
            : await ReadAddressesAsync(
                "SELECT address_key, sum(events)::bigint AS n FROM demand_address_months WHERE month BETWEEN $1 AND $2 AND locality_id = $3" +
                " GROUP BY address_key HAVING sum(events) > 0 ORDER BY n DESC, address_key LIMIT $4",
                cancellationToken, filter.From, filter.To, locality, count);
    }

    private async Task<(List<(string Key, long Events)> Rows, long Read, long Bound)> BusiestAsync(
        string sql, DemandFilter filter, Guid locality, int count, long atLeast, int candidates, CancellationToken cancellationToken)
    {
        var rows = new List<(string Key, long Events)>();
        long read = 0, bound = 0;
        await using var command = await db.CommandAsync(sql, cancellationToken, filter.From, filter.To, locality, count, atLeast, candidates);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            (read, bound) = (reader.GetInt64(2), reader.GetInt64(3));
            if (!await reader.IsDBNullAsync(0, cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        return (rows, read, bound);
    }

    private async Task<IReadOnlyList<(string Key, long Events)>> ReadAddressesAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        var rows = new List<(string, long)>();
        await using var command = await db.CommandAsync(sql, cancellationToken, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<BeforeAfterTotal>> BeforeAfterAsync(
        TeamId team, DateTimeOffset startedBy, int months, Guid? agency, string? type, CancellationToken cancellationToken)
    {
        var rows = new List<BeforeAfterTotal>();
        await using var command = await db.CommandAsync(
            """
            SELECT e.occurred_at >= c.opened_at AS after, e.classification, e.type_code, count(*)::bigint
            FROM conversations c
            JOIN staff_members s ON s.id = c.lead_worker_id
            JOIN demand_events e ON e.person_id = c.person_id
            WHERE s.team_id = $1 AND c.opened_at <= $2
              AND e.occurred_at >= c.opened_at - make_interval(months => $3) AND e.occurred_at < c.opened_at + make_interval(months => $3)
              AND ($4::uuid IS NULL OR e.agency_id = $4) AND ($5::text IS NULL OR e.type_code = $5)
            GROUP BY 1, 2, 3
            """,
            cancellationToken, team.Value, startedBy, months, agency, type);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new BeforeAfterTotal(reader.GetBoolean(0), Enum.Parse<DemandClass>(reader.GetString(1)), reader.GetString(2), reader.GetInt64(3)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<string>> RepeatAddressCandidatesAsync(Guid locality, DateOnly sinceMonth, int atLeast, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await using var command = await db.CommandAsync(
            """
            SELECT m.address_key
            FROM demand_address_totals t
            JOIN demand_address_months m ON m.locality_id = t.locality_id AND m.address_key = t.address_key AND m.month >= $2
            WHERE t.locality_id = $1 AND t.events >= $3
            GROUP BY m.address_key
            HAVING sum(m.events) >= $3
            """,
            cancellationToken, locality, sinceMonth, (long)atLeast);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

}
