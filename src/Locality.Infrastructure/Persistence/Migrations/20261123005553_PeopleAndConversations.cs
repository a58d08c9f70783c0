using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Locality.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PeopleAndConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    given_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    family_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    preferred_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    date_of_birth = table.Column<DateOnly>(type: "date", nullable: true),
                    approximate_age = table.Column<int>(type: "integer", nullable: true),
                    approximate_age_recorded_on = table.Column<DateOnly>(type: "date", nullable: true),
                    nhs_number = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: true),
                    address_line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    address_line2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    town = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    postcode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    uprn = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    communication_needs = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    safety_notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    what_matters_to_me = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    merged_into_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name_full = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: true, computedColumnSql: "lower(given_name || ' ' || family_name)", stored: true),
                    name_known_as = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: true, computedColumnSql: "lower(coalesce(preferred_name, given_name) || ' ' || family_name)", stored: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_merges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    survivor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merged_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    merged_by = table.Column<Guid>(type: "uuid", nullable: true),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    entries_moved = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_merges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lead_worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_successful_contact_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts_since_contact = table.Column<int>(type: "integer", nullable: false),
                    hand_off_count = table.Column<int>(type: "integer", nullable: false),
                    resting_until = table.Column<DateOnly>(type: "date", nullable: true),
                    last_known_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    last_known_state_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversations_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_conversations_staff_members_lead_worker_id",
                        column: x => x.lead_worker_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "conversation_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: true),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    joined_by = table.Column<Guid>(type: "uuid", nullable: true),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    left_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversation_members_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_conversation_members_conversations_conversation_id",
                        column: x => x.conversation_id,
                        principalTable: "conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_conversation_members_staff_members_worker_id",
                        column: x => x.worker_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "timeline_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: true),
                    author_agency_id = table.Column<Guid>(type: "uuid", nullable: true),
                    text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    method = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    outcome = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    who_was_there = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    other_agency_id = table.Column<Guid>(type: "uuid", nullable: true),
                    to_service = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    lead_keeps_conversation = table.Column<bool>(type: "boolean", nullable: true),
                    subject_worker_id = table.Column<Guid>(type: "uuid", nullable: true),
                    new_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    check_back_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_timeline_entries_conversations_conversation_id",
                        column: x => x.conversation_id,
                        principalTable: "conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_timeline_entries_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "timeline_amendments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    corrected_text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: true),
                    author_agency_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_amendments", x => x.id);
                    table.ForeignKey(
                        name: "fk_timeline_amendments_timeline_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "timeline_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversation_members_agency_id",
                table: "conversation_members",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversation_members_conversation_id",
                table: "conversation_members",
                column: "conversation_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversation_members_worker_id",
                table: "conversation_members",
                column: "worker_id",
                filter: "left_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_hand_off_count",
                table: "conversations",
                column: "hand_off_count",
                filter: "hand_off_count > 0");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_last_successful_contact_at",
                table: "conversations",
                column: "last_successful_contact_at");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_lead_worker_id_last_successful_contact_at",
                table: "conversations",
                columns: new[] { "lead_worker_id", "last_successful_contact_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_person_id",
                table: "conversations",
                column: "person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversations_resting_until",
                table: "conversations",
                column: "resting_until",
                filter: "resting_until IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_people_date_of_birth",
                table: "people",
                column: "date_of_birth");

            migrationBuilder.CreateIndex(
                name: "ix_people_merged_into_id",
                table: "people",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_people_name_full",
                table: "people",
                column: "name_full")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_people_name_known_as",
                table: "people",
                column: "name_known_as")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_people_nhs_number",
                table: "people",
                column: "nhs_number",
                unique: true,
                filter: "nhs_number IS NOT NULL AND merged_into_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_people_postcode",
                table: "people",
                column: "postcode");

            migrationBuilder.CreateIndex(
                name: "ix_person_merges_merged_id",
                table: "person_merges",
                column: "merged_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_person_merges_survivor_id",
                table: "person_merges",
                column: "survivor_id");

            migrationBuilder.CreateIndex(
                name: "ix_timeline_amendments_entry_id_sequence",
                table: "timeline_amendments",
                columns: new[] { "entry_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_timeline_entries_conversation_id",
                table: "timeline_entries",
                column: "conversation_id");

            migrationBuilder.CreateIndex(
                name: "ix_timeline_entries_person_id_occurred_at_id",
                table: "timeline_entries",
                columns: new[] { "person_id", "occurred_at", "id" },
                descending: new[] { false, true, true });

            // The timeline is append-only in the database as well as in the application: no role that connects can
            // change or delete an entry, an amendment or a merge record. Merging two records for the same person may
            // move entries to the surviving record (person_id, conversation_id), and nothing else.
            migrationBuilder.Sql("""
                CREATE FUNCTION locality_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND TG_ARGV[0] IS NOT NULL
                       AND (to_jsonb(NEW) - 'person_id' - 'conversation_id') = (to_jsonb(OLD) - 'person_id' - 'conversation_id') THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'Rows in % are only ever added: % is refused', TG_TABLE_NAME, TG_OP
                        USING ERRCODE = 'restrict_violation';
                END;
                $$;

                CREATE TRIGGER timeline_entries_append_only BEFORE UPDATE OR DELETE ON timeline_entries
                    FOR EACH ROW EXECUTE FUNCTION locality_refuse_change('may-move-to-survivor');
                CREATE TRIGGER timeline_entries_no_truncate BEFORE TRUNCATE ON timeline_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION locality_refuse_change();
                CREATE TRIGGER timeline_amendments_append_only BEFORE UPDATE OR DELETE ON timeline_amendments
                    FOR EACH ROW EXECUTE FUNCTION locality_refuse_change();
                CREATE TRIGGER timeline_amendments_no_truncate BEFORE TRUNCATE ON timeline_amendments
                    FOR EACH STATEMENT EXECUTE FUNCTION locality_refuse_change();
                CREATE TRIGGER person_merges_append_only BEFORE UPDATE OR DELETE ON person_merges
                    FOR EACH ROW EXECUTE FUNCTION locality_refuse_change();

                -- One current lead key worker per conversation. Checked at commit, so a change of lead can end the old
                -- lead's membership and start the new one's in either order.
                ALTER TABLE conversation_members ADD CONSTRAINT conversation_members_one_current_lead
                    EXCLUDE USING btree (conversation_id WITH =) WHERE (role = 'Lead' AND left_at IS NULL)
                    DEFERRABLE INITIALLY DEFERRED;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE conversation_members DROP CONSTRAINT conversation_members_one_current_lead;
                DROP TRIGGER person_merges_append_only ON person_merges;
                DROP TRIGGER timeline_amendments_no_truncate ON timeline_amendments;
                DROP TRIGGER timeline_amendments_append_only ON timeline_amendments;
                DROP TRIGGER timeline_entries_no_truncate ON timeline_entries;
                DROP TRIGGER timeline_entries_append_only ON timeline_entries;
                DROP FUNCTION locality_refuse_change();
                """);

            migrationBuilder.DropTable(
                name: "conversation_members");

            migrationBuilder.DropTable(
                name: "person_merges");

            migrationBuilder.DropTable(
                name: "timeline_amendments");

            migrationBuilder.DropTable(
                name: "timeline_entries");

            migrationBuilder.DropTable(
                name: "conversations");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
