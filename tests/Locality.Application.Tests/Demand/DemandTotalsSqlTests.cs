using Locality.Application.Common.Time;
using Locality.Domain.Demand;
using Locality.Infrastructure.Persistence.Migrations.Sql;

namespace Locality.Application.Tests.Demand;

/// <summary>
/// The demand totals are kept by SQL the initial migration runs, and a migration's text is history: it keeps its own
/// literals rather than reading today's constants. These hold that text to the domain, so changing which codes count
/// as due or missed (or the zone months are taken in) fails here until a new migration changes the SQL too.
/// </summary>
public sealed class DemandTotalsSqlTests
{
    [Fact]
    public void TheTotalsSql_CountsTheSameDueAndMissedCodes_AsTheDomain()
    {
        Assert.Contains($"attendance_code BETWEEN {DemandEvent.DueCodes.From} AND {DemandEvent.DueCodes.To}", DemandTotalsSql.Create, StringComparison.Ordinal);
        Assert.Contains($"attendance_code IN ({string.Join(", ", DemandEvent.MissedCodes)})", DemandTotalsSql.Create, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTotalsSql_TakesMonthsInTheUkZone()
    {
        Assert.Contains($"AT TIME ZONE '{UkCalendar.ZoneName}'", DemandTotalsSql.MonthOf, StringComparison.Ordinal);
        Assert.DoesNotContain("AT TIME ZONE '", DemandTotalsSql.Create.Replace($"AT TIME ZONE '{UkCalendar.ZoneName}'", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
