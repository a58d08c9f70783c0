using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Locality.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DemandEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "demand_types",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    records_attendance = table.Column<bool>(type: "boolean", nullable: false),
                    counts_towards_repeat_call_outs = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_demand_types", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "failure_types",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    example = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_failure_types", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "demand_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uprn = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    postcode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    address_line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    classification = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    failure_type_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    classified_by = table.Column<Guid>(type: "uuid", nullable: true),
                    classified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attendance_code = table.Column<int>(type: "integer", nullable: true),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_demand_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_demand_events_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_demand_events_demand_types_type_code",
                        column: x => x.type_code,
                        principalTable: "demand_types",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_demand_events_failure_types_failure_type_code",
                        column: x => x.failure_type_code,
                        principalTable: "failure_types",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_demand_events_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "demand_reclassifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    from_failure_type_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    to = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    to_failure_type_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    by = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_demand_reclassifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_demand_reclassifications_demand_events_event_id",
                        column: x => x.event_id,
                        principalTable: "demand_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_demand_events_agency_id_source_reference",
                table: "demand_events",
                columns: new[] { "agency_id", "source_reference" },
                unique: true,
                filter: "source_reference IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_demand_events_failure_type_code",
                table: "demand_events",
                column: "failure_type_code");

            migrationBuilder.CreateIndex(
                name: "ix_demand_events_occurred_at",
                table: "demand_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_demand_events_person_id_occurred_at",
                table: "demand_events",
                columns: new[] { "person_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_demand_events_type_code",
                table: "demand_events",
                column: "type_code");

            migrationBuilder.CreateIndex(
                name: "ix_demand_reclassifications_event_id_at",
                table: "demand_reclassifications",
                columns: new[] { "event_id", "at" });

            // How an event was classified, and every change to it, is kept: reclassifications are only ever added.
            migrationBuilder.Sql("""
                CREATE TRIGGER demand_reclassifications_append_only BEFORE UPDATE OR DELETE ON demand_reclassifications
                    FOR EACH ROW EXECUTE FUNCTION locality_refuse_change();
                CREATE TRIGGER demand_reclassifications_no_truncate BEFORE TRUNCATE ON demand_reclassifications
                    FOR EACH STATEMENT EXECUTE FUNCTION locality_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER demand_reclassifications_no_truncate ON demand_reclassifications;
                DROP TRIGGER demand_reclassifications_append_only ON demand_reclassifications;
                """);

            migrationBuilder.DropTable(
                name: "demand_reclassifications");

            migrationBuilder.DropTable(
                name: "demand_events");

            migrationBuilder.DropTable(
                name: "demand_types");

            migrationBuilder.DropTable(
                name: "failure_types");
        }
    }
}
