using Locality.Application.Common.Time;
using Locality.Domain.Demand;

namespace Locality.Infrastructure.Persistence;

/// <summary>
/// The pre-aggregated demand figures behind the team lead's demand page, maintained by PostgreSQL as events arrive,
/// are linked, or are reclassified, so the page never scans the raw events. A month is a calendar month in UK time.
/// <list type="bullet">
/// <item><c>demand_monthly_totals</c>: events, due appointments (attendance codes 2–7) and missed appointments (3 and
/// 7) per month, locality, team, agency, type, classification and failure type.</item>
/// <item><c>demand_address_months</c>: events of the types that count towards repeat call-outs, per month, locality,
/// team and address key.</item>
/// <item><c>demand_address_totals</c> (since <see cref="AddressTotalsUp"/>): the same events per locality and address
/// over all time. A count over some months is at most the count over all time, so a locality's busiest addresses
/// over some months are found by summing the months of its busiest addresses over all time only, down to the first
/// that could not reach the list (<c>DemandTotals.TopAddressesAsync</c>).</item>
/// </list>
/// Statement-level triggers read the transition tables, so a COPY of a million rows updates each total once; an
/// update takes the old rows away and adds the new ones.
/// </summary>
public static class DemandTotalsSql
{
    public const string MonthOf = $"date_trunc('month', occurred_at AT TIME ZONE '{UkCalendar.ZoneName}')::date";

    // The migration that made these runs this text: change them with a new migration, not by editing it.
    public static readonly string Create = $$"""
        CREATE TABLE demand_monthly_totals (
            month date NOT NULL,
            locality_id uuid NULL,
            team_id uuid NULL,
            agency_id uuid NOT NULL,
            type_code character varying(40) NOT NULL,
            classification character varying(64) NOT NULL,
            failure_type_code character varying(40) NULL,
            events bigint NOT NULL,
            appointments bigint NOT NULL,
            missed bigint NOT NULL,
            CONSTRAINT uq_demand_monthly_totals UNIQUE NULLS NOT DISTINCT
                (month, locality_id, team_id, agency_id, type_code, classification, failure_type_code));

        CREATE TABLE demand_address_months (
            month date NOT NULL,
            locality_id uuid NULL,
            team_id uuid NULL,
            address_key character varying(230) NOT NULL,
            events bigint NOT NULL,
            CONSTRAINT uq_demand_address_months UNIQUE NULLS NOT DISTINCT (month, locality_id, team_id, address_key));

        CREATE INDEX ix_demand_address_months_locality_month ON demand_address_months (locality_id, month);

        CREATE FUNCTION locality_demand_totals() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {{Apply("removed", -1)}}
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN
        {{Apply("added", 1)}}
            END IF;
            RETURN NULL;
        END
        $fn$;

        CREATE TRIGGER demand_totals_insert AFTER INSERT ON demand_events
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION locality_demand_totals();
        CREATE TRIGGER demand_totals_update AFTER UPDATE ON demand_events
            REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION locality_demand_totals();
        CREATE TRIGGER demand_totals_delete AFTER DELETE ON demand_events
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION locality_demand_totals();

        -- Events already recorded.
        DO $do$
        BEGIN
        {{Apply("demand_events", 1)}}
        END
        $do$;
        """;

    /// <summary>
    /// The address totals over all time (see <see cref="AddressTotalsUp"/>), added to the trigger by a later migration:
    /// the table and its ranking index; covering indexes to sum a team's months, and chosen addresses' months in a
    /// locality, from the index alone; the totals of the events already recorded; and the trigger function again with
    /// the third total.
    /// </summary>
    public static readonly string AddressTotalsUp = $$"""
        CREATE TABLE demand_address_totals (
            locality_id uuid NOT NULL,
            address_key character varying(230) NOT NULL,
            events bigint NOT NULL,
            CONSTRAINT pk_demand_address_totals PRIMARY KEY (locality_id, address_key));

        CREATE INDEX ix_demand_address_totals_ranked ON demand_address_totals (locality_id, events DESC, address_key);
        CREATE INDEX ix_demand_address_months_locality_address ON demand_address_months (locality_id, address_key, month) INCLUDE (events);
        CREATE INDEX ix_demand_address_months_team_month ON demand_address_months (team_id, month) INCLUDE (address_key, events) WHERE team_id IS NOT NULL;

        INSERT INTO demand_address_totals (locality_id, address_key, events)
        SELECT locality_id, address_key, sum(events)
        FROM demand_address_months
        WHERE locality_id IS NOT NULL
        GROUP BY 1, 2
        HAVING sum(events) <> 0;

        {{Function(addressTotals: true)}}
        """;

    /// <summary>Back to the trigger function of <see cref="Create"/>, without the address totals.</summary>
    public static readonly string AddressTotalsDown = $$"""
        {{Function(addressTotals: false)}}

        DROP INDEX ix_demand_address_months_team_month;
        DROP INDEX ix_demand_address_months_locality_address;
        DROP TABLE demand_address_totals;
        """;

    /// <summary>
    /// The trigger function again, each upsert taking its rows in key order, so two imports at once (for different
    /// agencies, sharing address rows) lock the same rows in the same order and cannot deadlock.
    /// </summary>
    public static readonly string OrderedUpserts = Function(addressTotals: true, ordered: true);

    /// <summary>The function as <see cref="AddressTotalsUp"/> made it, for going back down.</summary>
    public static readonly string UnorderedUpserts = Function(addressTotals: true);

    private static string Function(bool addressTotals, bool ordered = false) => $$"""
        CREATE OR REPLACE FUNCTION locality_demand_totals() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {{Apply("removed", -1, addressTotals, ordered)}}
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN
        {{Apply("added", 1, addressTotals, ordered)}}
            END IF;
            RETURN NULL;
        END
        $fn$;
        """;

    /// <summary>Adds (sign 1) or takes away (sign -1) the rows of <paramref name="source"/> from the totals.</summary>
    private static string Apply(string source, int sign, bool addressTotals, bool ordered) => Apply(source, sign, ordered) + (addressTotals ? $$"""

                INSERT INTO demand_address_totals AS a (locality_id, address_key, events)
                SELECT r.locality_id, r.address_key, {{sign}} * count(*)
                FROM {{source}} r
                JOIN demand_types d ON d.code = r.type_code AND d.counts_towards_repeat_call_outs
                WHERE r.address_key IS NOT NULL AND r.locality_id IS NOT NULL
                GROUP BY 1, 2
                ORDER BY 1, 2
                ON CONFLICT ON CONSTRAINT pk_demand_address_totals DO UPDATE SET events = a.events + excluded.events;
        """ : string.Empty);

    /// <summary>Adds (sign 1) or takes away (sign -1) the rows of <paramref name="source"/> from both totals.</summary>
    private static string Apply(string source, int sign, bool ordered = false) => $$"""
                INSERT INTO demand_monthly_totals AS t
                    (month, locality_id, team_id, agency_id, type_code, classification, failure_type_code, events, appointments, missed)
                SELECT {{MonthOf}}, locality_id, team_id, agency_id, type_code, classification, failure_type_code,
                       {{sign}} * count(*),
                       {{sign}} * count(*) FILTER (WHERE attendance_code BETWEEN {{DemandEvent.DueCodes.From}} AND {{DemandEvent.DueCodes.To}}),
                       {{sign}} * count(*) FILTER (WHERE attendance_code IN ({{string.Join(", ", DemandEvent.MissedCodes)}}))
                FROM {{source}}
                GROUP BY 1, 2, 3, 4, 5, 6, 7{{(ordered ? "\n                ORDER BY 1, 2, 3, 4, 5, 6, 7" : string.Empty)}}
                ON CONFLICT ON CONSTRAINT uq_demand_monthly_totals DO UPDATE
                    SET events = t.events + excluded.events,
                        appointments = t.appointments + excluded.appointments,
                        missed = t.missed + excluded.missed;

                INSERT INTO demand_address_months AS a (month, locality_id, team_id, address_key, events)
                SELECT date_trunc('month', r.occurred_at AT TIME ZONE '{{UkCalendar.ZoneName}}')::date, r.locality_id, r.team_id, r.address_key, {{sign}} * count(*)
                FROM {{source}} r
                JOIN demand_types d ON d.code = r.type_code AND d.counts_towards_repeat_call_outs
                WHERE r.address_key IS NOT NULL
                GROUP BY 1, 2, 3, 4{{(ordered ? "\n                ORDER BY 1, 2, 3, 4" : string.Empty)}}
                ON CONFLICT ON CONSTRAINT uq_demand_address_months DO UPDATE SET events = a.events + excluded.events;
        """;

    public const string Drop = """
        DROP TRIGGER demand_totals_delete ON demand_events;
        DROP TRIGGER demand_totals_update ON demand_events;
        DROP TRIGGER demand_totals_insert ON demand_events;
        DROP FUNCTION locality_demand_totals();
        DROP TABLE demand_address_months;
        DROP TABLE demand_monthly_totals;
        """;
}
