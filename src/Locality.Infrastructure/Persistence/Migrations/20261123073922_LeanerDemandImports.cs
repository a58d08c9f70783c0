using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Locality.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeanerDemandImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // EF indexes every foreign key, and its conventions put these back in the model; but nothing reads demand
            // events by type, failure type, locality, team or import alone (the demand page reads the totals), and
            // each index costs every row a partner sends. So the database does without them. IF EXISTS, so a later
            // migration that drops them as EF sees them still runs.
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_demand_events_type_code;
                DROP INDEX IF EXISTS ix_demand_events_failure_type_code;
                DROP INDEX IF EXISTS ix_demand_events_locality_id;
                DROP INDEX IF EXISTS ix_demand_events_team_id;
                DROP INDEX IF EXISTS ix_demand_events_import_id;
                """);

            migrationBuilder.Sql(DemandTotalsSql.OrderedUpserts);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DemandTotalsSql.UnorderedUpserts);
            migrationBuilder.Sql("""
                CREATE INDEX ix_demand_events_type_code ON demand_events (type_code);
                CREATE INDEX ix_demand_events_failure_type_code ON demand_events (failure_type_code);
                CREATE INDEX ix_demand_events_locality_id ON demand_events (locality_id);
                CREATE INDEX ix_demand_events_team_id ON demand_events (team_id);
                CREATE INDEX ix_demand_events_import_id ON demand_events (import_id);
                """);
        }
    }
}
