using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Locality.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DemandImportsAndCosts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "unit_cost_code",
                table: "demand_types",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "address_key",
                table: "demand_events",
                type: "character varying(230)",
                maxLength: 230,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "import_id",
                table: "demand_events",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "locality_id",
                table: "demand_events",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "team_id",
                table: "demand_events",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cost_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    price_base = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cost_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "demand_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: false),
                    locality_id = table.Column<Guid>(type: "uuid", nullable: true),
                    format = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    submitted_by = table.Column<Guid>(type: "uuid", nullable: true),
                    submitted_by_key = table.Column<Guid>(type: "uuid", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    total_rows = table.Column<long>(type: "bigint", nullable: false),
                    rows_done = table.Column<long>(type: "bigint", nullable: false),
                    imported = table.Column<long>(type: "bigint", nullable: false),
                    already_seen = table.Column<long>(type: "bigint", nullable: false),
                    rejected = table.Column<long>(type: "bigint", nullable: false),
                    linked = table.Column<long>(type: "bigint", nullable: false),
                    offered = table.Column<long>(type: "bigint", nullable: false),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_demand_imports", x => x.id);
                    table.ForeignKey(
                        name: "fk_demand_imports_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_demand_imports_localities_locality_id",
                        column: x => x.locality_id,
                        principalTable: "localities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "demand_match_offers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    why = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    offered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decision = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_demand_match_offers", x => x.id);
                    table.ForeignKey(
                        name: "fk_demand_match_offers_demand_events_event_id",
                        column: x => x.event_id,
                        principalTable: "demand_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_demand_match_offers_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "price_indices",
                columns: table => new
                {
                    year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    value = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_price_indices", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "service_costs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    to = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    price_year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    entered_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_costs", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_costs_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "unit_costs",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    cost = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    agency = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    agency_detail = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    price_year = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_costs", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "demand_import_payloads",
                columns: table => new
                {
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_demand_import_payloads", x => x.import_id);
                    table.ForeignKey(
                        name: "fk_demand_import_payloads_demand_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "demand_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "demand_import_problems",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_demand_import_problems", x => x.id);
                    table.ForeignKey(
                        name: "fk_demand_import_problems_demand_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "demand_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_demand_types_unit_cost_code",
                table: "demand_types",
                column: "unit_cost_code");

            migrationBuilder.CreateIndex(
                name: "ix_demand_events_address_key_occurred_at",
                table: "demand_events",
                columns: new[] { "address_key", "occurred_at" },
                filter: "address_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_demand_events_import_id",
                table: "demand_events",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_demand_events_locality_id",
                table: "demand_events",
                column: "locality_id");

            migrationBuilder.CreateIndex(
                name: "ix_demand_events_team_id",
                table: "demand_events",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_demand_import_problems_import_id_line",
                table: "demand_import_problems",
                columns: new[] { "import_id", "line" });

            migrationBuilder.CreateIndex(
                name: "ix_demand_imports_agency_id_submitted_at",
                table: "demand_imports",
                columns: new[] { "agency_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_demand_imports_locality_id",
                table: "demand_imports",
                column: "locality_id");

            migrationBuilder.CreateIndex(
                name: "ix_demand_match_offers_event_id_person_id",
                table: "demand_match_offers",
                columns: new[] { "event_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_demand_match_offers_person_id",
                table: "demand_match_offers",
                column: "person_id",
                filter: "decision IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_service_costs_team_id_from",
                table: "service_costs",
                columns: new[] { "team_id", "from" });

            migrationBuilder.AddForeignKey(
                name: "fk_demand_events_demand_imports_import_id",
                table: "demand_events",
                column: "import_id",
                principalTable: "demand_imports",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_demand_events_localities_locality_id",
                table: "demand_events",
                column: "locality_id",
                principalTable: "localities",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_demand_events_teams_team_id",
                table: "demand_events",
                column: "team_id",
                principalTable: "teams",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_demand_types_unit_costs_unit_cost_code",
                table: "demand_types",
                column: "unit_cost_code",
                principalTable: "unit_costs",
                principalColumn: "code",
                onDelete: ReferentialAction.Restrict);

            // Where existing events were: the address key repeats are counted by.
            migrationBuilder.Sql("""
                UPDATE demand_events SET address_key = CASE
                    WHEN uprn IS NOT NULL THEN 'uprn:' || uprn
                    WHEN postcode IS NOT NULL AND address_line1 IS NOT NULL
                         AND regexp_replace(lower(address_line1), '[^[:alnum:]]', '', 'g') <> ''
                        THEN 'address:' || postcode || '|' || regexp_replace(lower(address_line1), '[^[:alnum:]]', '', 'g')
                    END;
                """);

            // A row an import could not take is part of its report: only ever added.
            migrationBuilder.Sql("""
                CREATE TRIGGER demand_import_problems_append_only BEFORE UPDATE OR DELETE ON demand_import_problems
                    FOR EACH ROW EXECUTE FUNCTION locality_refuse_change();
                CREATE TRIGGER demand_import_problems_no_truncate BEFORE TRUNCATE ON demand_import_problems
                    FOR EACH STATEMENT EXECUTE FUNCTION locality_refuse_change();
                """);

            // The team lead's figures, kept up to date as events arrive or change: one row per month (UK time),
            // locality, team, agency, type and classification; and call-outs per address per month. Statement
            // triggers with transition tables, so a bulk COPY updates each total once.
            migrationBuilder.Sql(DemandTotalsSql.Create);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DemandTotalsSql.Drop);
            migrationBuilder.Sql("""
                DROP TRIGGER demand_import_problems_no_truncate ON demand_import_problems;
                DROP TRIGGER demand_import_problems_append_only ON demand_import_problems;
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_demand_events_demand_imports_import_id",
                table: "demand_events");

            migrationBuilder.DropForeignKey(
                name: "fk_demand_events_localities_locality_id",
                table: "demand_events");

            migrationBuilder.DropForeignKey(
                name: "fk_demand_events_teams_team_id",
                table: "demand_events");

            migrationBuilder.DropForeignKey(
                name: "fk_demand_types_unit_costs_unit_cost_code",
                table: "demand_types");

            migrationBuilder.DropTable(
                name: "cost_settings");

            migrationBuilder.DropTable(
                name: "demand_import_payloads");

            migrationBuilder.DropTable(
                name: "demand_import_problems");

            migrationBuilder.DropTable(
                name: "demand_match_offers");

            migrationBuilder.DropTable(
                name: "price_indices");

            migrationBuilder.DropTable(
                name: "service_costs");

            migrationBuilder.DropTable(
                name: "unit_costs");

            migrationBuilder.DropTable(
                name: "demand_imports");

            migrationBuilder.DropIndex(
                name: "ix_demand_types_unit_cost_code",
                table: "demand_types");

            migrationBuilder.DropIndex(
                name: "ix_demand_events_address_key_occurred_at",
                table: "demand_events");

            migrationBuilder.DropIndex(
                name: "ix_demand_events_import_id",
                table: "demand_events");

            migrationBuilder.DropIndex(
                name: "ix_demand_events_locality_id",
                table: "demand_events");

            migrationBuilder.DropIndex(
                name: "ix_demand_events_team_id",
                table: "demand_events");

            migrationBuilder.DropColumn(
                name: "unit_cost_code",
                table: "demand_types");

            migrationBuilder.DropColumn(
                name: "address_key",
                table: "demand_events");

            migrationBuilder.DropColumn(
                name: "import_id",
                table: "demand_events");

            migrationBuilder.DropColumn(
                name: "locality_id",
                table: "demand_events");

            migrationBuilder.DropColumn(
                name: "team_id",
                table: "demand_events");
        }
    }
}
