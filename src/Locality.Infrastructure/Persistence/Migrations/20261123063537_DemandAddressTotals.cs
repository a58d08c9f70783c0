using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Locality.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DemandAddressTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_demand_events_person_id_occurred_at",
                table: "demand_events");

            migrationBuilder.CreateIndex(
                name: "ix_demand_events_person_id_occurred_at",
                table: "demand_events",
                columns: new[] { "person_id", "occurred_at" },
                filter: "person_id IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "classification", "type_code", "agency_id" });

            // Call-outs per address over all time, for each team and locality, kept by the same trigger: the demand
            // page's busiest addresses read these from the top down instead of summing every address's months.
            migrationBuilder.Sql(DemandTotalsSql.AddressTotalsUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DemandTotalsSql.AddressTotalsDown);

            migrationBuilder.DropIndex(
                name: "ix_demand_events_person_id_occurred_at",
                table: "demand_events");

            migrationBuilder.CreateIndex(
                name: "ix_demand_events_person_id_occurred_at",
                table: "demand_events",
                columns: new[] { "person_id", "occurred_at" });
        }
    }
}
