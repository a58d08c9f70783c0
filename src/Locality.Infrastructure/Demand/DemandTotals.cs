using Locality.Application.Demand;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Locality.Infrastructure.Demand;

/// <summary>Reads the totals PostgreSQL keeps (<see cref="DemandTotalsSql"/>) and compares each person's months before and after.</summary>
internal sealed class DemandTotals(LocalityDbContext db) : IDemandTotals
{
    private const string Filters = " AND ($3::uuid IS NULL OR locality_id = $3) AND ($4::uuid IS NULL OR team_id = $4)";

    public async Task<IReadOnlyList<MonthTotal>> MonthlyAsync(DemandFilter filter, CancellationToken cancellationToken)
    {
        var rows = new List<MonthTotal>();
        await using var command = await CommandAsync(
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

    public async Task<IReadOnlyList<(string Key, long Events)>> TopAddressesAsync(DemandFilter filter, int count, CancellationToken cancellationToken)
    {
        var rows = new List<(string, long)>();
        await using var command = await CommandAsync(
            "SELECT address_key, sum(events)::bigint AS n FROM demand_address_months WHERE month BETWEEN $1 AND $2" + Filters +
            " GROUP BY address_key HAVING sum(events) > 0 ORDER BY n DESC, address_key LIMIT $5",
            cancellationToken, filter.From, filter.To, filter.LocalityId, filter.TeamId, count);
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
        await using var command = await CommandAsync(
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

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
