using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Locality.Infrastructure.Persistence;

/// <summary>Ready only when the database has every migration this build expects.</summary>
internal sealed class MigrationsAppliedHealthCheck(LocalityDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("All migrations are applied.")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied. Run the migrate step.");
    }
}
