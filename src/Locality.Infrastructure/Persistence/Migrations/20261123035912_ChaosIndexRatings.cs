using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Locality.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ChaosIndexRatings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "instruments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    is_built_in = table.Column<bool>(type: "boolean", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_instruments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "instrument_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instrument_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_instrument_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_instrument_versions_instruments_instrument_id",
                        column: x => x.instrument_id,
                        principalTable: "instruments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ratings_due",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instrument_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    marked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ratings_due", x => new { x.person_id, x.instrument_id });
                    table.ForeignKey(
                        name: "fk_ratings_due_instruments_instrument_id",
                        column: x => x.instrument_id,
                        principalTable: "instruments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ratings_due_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ratings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instrument_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instrument_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    person_took_part = table.Column<bool>(type: "boolean", nullable: false),
                    items = table.Column<string>(type: "jsonb", nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    rated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    rated_by_agency = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ratings", x => x.id);
                    table.ForeignKey(
                        name: "fk_ratings_instrument_versions_instrument_version_id",
                        column: x => x.instrument_version_id,
                        principalTable: "instrument_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ratings_instruments_instrument_id",
                        column: x => x.instrument_id,
                        principalTable: "instruments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ratings_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ratings_staff_members_rated_by",
                        column: x => x.rated_by,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_instrument_versions_instrument_id_number",
                table: "instrument_versions",
                columns: new[] { "instrument_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_instruments_key",
                table: "instruments",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ratings_instrument_id",
                table: "ratings",
                column: "instrument_id");

            migrationBuilder.CreateIndex(
                name: "ix_ratings_instrument_version_id",
                table: "ratings",
                column: "instrument_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_ratings_person_id_instrument_id_rated_on",
                table: "ratings",
                columns: new[] { "person_id", "instrument_id", "rated_on" });

            migrationBuilder.CreateIndex(
                name: "ix_ratings_rated_by",
                table: "ratings",
                column: "rated_by");

            migrationBuilder.CreateIndex(
                name: "ix_ratings_due_instrument_id",
                table: "ratings_due",
                column: "instrument_id");

            // Ratings are only ever added, like the timeline; merging two records for the same person may move them
            // to the survivor. A version of an instrument that ratings use may be retired, never rewritten (the
            // application makes a new version instead).
            migrationBuilder.Sql("""
                CREATE TRIGGER ratings_append_only BEFORE UPDATE OR DELETE ON ratings
                    FOR EACH ROW EXECUTE FUNCTION locality_refuse_change('may-move-to-survivor');
                CREATE TRIGGER ratings_no_truncate BEFORE TRUNCATE ON ratings
                    FOR EACH STATEMENT EXECUTE FUNCTION locality_refuse_change();

                CREATE FUNCTION locality_keep_rated_definitions() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' OR NEW.definition IS DISTINCT FROM OLD.definition OR NEW.number <> OLD.number THEN
                        IF EXISTS (SELECT 1 FROM ratings WHERE instrument_version_id = OLD.id) THEN
                            RAISE EXCEPTION 'Version % of this instrument has ratings: make a new version instead', OLD.number
                                USING ERRCODE = 'restrict_violation';
                        END IF;
                    END IF;
                    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                END;
                $$;

                CREATE TRIGGER instrument_versions_keep_rated BEFORE UPDATE OR DELETE ON instrument_versions
                    FOR EACH ROW EXECUTE FUNCTION locality_keep_rated_definitions();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER instrument_versions_keep_rated ON instrument_versions;
                DROP FUNCTION locality_keep_rated_definitions();
                DROP TRIGGER ratings_no_truncate ON ratings;
                DROP TRIGGER ratings_append_only ON ratings;
                """);

            migrationBuilder.DropTable(
                name: "ratings");

            migrationBuilder.DropTable(
                name: "ratings_due");

            migrationBuilder.DropTable(
                name: "instrument_versions");

            migrationBuilder.DropTable(
                name: "instruments");
        }
    }
}
