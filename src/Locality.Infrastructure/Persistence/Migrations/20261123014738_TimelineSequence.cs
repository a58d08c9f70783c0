using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Locality.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TimelineSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_timeline_entries_person_id_occurred_at_id",
                table: "timeline_entries");

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                table: "timeline_entries",
                type: "bigint",
                nullable: false)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn);

            migrationBuilder.CreateIndex(
                name: "ix_timeline_entries_person_id_occurred_at_sequence",
                table: "timeline_entries",
                columns: new[] { "person_id", "occurred_at", "sequence" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_timeline_entries_person_id_occurred_at_sequence",
                table: "timeline_entries");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "timeline_entries");

            migrationBuilder.CreateIndex(
                name: "ix_timeline_entries_person_id_occurred_at_id",
                table: "timeline_entries",
                columns: new[] { "person_id", "occurred_at", "id" },
                descending: new[] { false, true, true });
        }
    }
}
