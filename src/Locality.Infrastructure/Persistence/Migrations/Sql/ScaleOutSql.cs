namespace Locality.Infrastructure.Persistence.Migrations.Sql;

/// <summary>Hand-written SQL of the scale-out migration (several instances of each host).</summary>
internal static class ScaleOutSql
{
    /// <summary>
    /// Rate-limit windows, counted in PostgreSQL (the only store the instances share) so that N instances still allow
    /// one limit. One row per policy and caller: the window starts at its first call and lasts the policy's length.
    /// Unlogged: counts are not worth the write-ahead log, and after a crash or a failover to a standby (which does
    /// not have them) every caller simply starts a new window.
    /// </summary>
    public static readonly NamedSql RateLimitWindows = new(
        nameof(RateLimitWindows),
        """
        CREATE UNLOGGED TABLE rate_limit_windows (
            policy text NOT NULL,
            caller text NOT NULL,
            started_at timestamp with time zone NOT NULL,
            used integer NOT NULL,
            CONSTRAINT pk_rate_limit_windows PRIMARY KEY (policy, caller));
        CREATE INDEX ix_rate_limit_windows_started_at ON rate_limit_windows (started_at);
        """,
        "DROP TABLE rate_limit_windows;");
}
