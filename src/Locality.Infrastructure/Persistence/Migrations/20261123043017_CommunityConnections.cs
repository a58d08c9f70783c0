using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Locality.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CommunityConnections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "connections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    suggested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    suggested_on = table.Column<DateOnly>(type: "date", nullable: false),
                    went = table.Column<bool>(type: "boolean", nullable: true),
                    still_going = table.Column<bool>(type: "boolean", nullable: true),
                    last_heard_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connections", x => x.id);
                    table.ForeignKey(
                        name: "fk_connections_community_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "community_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_connections_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_connections_group_id",
                table: "connections",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "ix_connections_person_id",
                table: "connections",
                column: "person_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "connections");
        }
    }
}
