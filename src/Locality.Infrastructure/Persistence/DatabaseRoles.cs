using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Locality.Infrastructure.Persistence;

/// <summary>
/// Least privilege in the database. Migrations run as the role that owns the tables (the owner); the web, API and
/// worker hosts connect as a role that is a member of the hosts' role (<c>Database:HostsRole</c>, by default
/// <c>locality_hosts</c>), which owns nothing. Only an owner (or a superuser) can disable, drop or replace a trigger,
/// so the append-only and audit guards hold even against the application's own credentials; and the hosts' role is
/// not even granted UPDATE or DELETE on the tables whose rows are only ever added (where a merge may move rows to the
/// surviving record, UPDATE stays, and the trigger allows nothing but that move). It may make temporary tables, never
/// permanent ones.
/// </summary>
public static partial class DatabaseRoles
{
    public const string DefaultHostsRole = "locality_hosts";

    public static string HostsRole(IConfiguration configuration)
    {
        var role = configuration["Database:HostsRole"] is { Length: > 0 } given ? given : DefaultHostsRole;
        return RoleName().IsMatch(role)
            ? role
            : throw new InvalidOperationException($"Database:HostsRole must be a plain PostgreSQL role name (lower-case letters, digits and _), not '{role}'.");
    }

    /// <summary>
    /// Makes the hosts' role if it is missing (when the owner may create roles; otherwise the operator makes it, as
    /// CloudNativePG's managed roles do) and grants it what the hosts need on every table, view and sequence now in the
    /// database. Run by <c>migrate</c> after the migrations, so a new table is granted in the same step that makes it.
    /// </summary>
    public static async Task GrantToHostsAsync(LocalityDbContext db, string role, CancellationToken cancellationToken = default)
    {
        var sql = $$"""
            DO $grant$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{{role}}') THEN
                    BEGIN
                        CREATE ROLE {{role}} NOLOGIN;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL; -- another migrate made it at the same moment
                    END;
                END IF;
                EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO {{role}}', current_database());
            END
            $grant$;
            GRANT USAGE ON SCHEMA public, {{HangfireSchema.Name}} TO {{role}};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public, {{HangfireSchema.Name}} TO {{role}};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public, {{HangfireSchema.Name}} TO {{role}};
            REVOKE INSERT, UPDATE, DELETE ON __ef_migrations_history FROM {{role}};
            DO $appendonly$
            DECLARE t record;
            BEGIN
                FOR t IN
                    SELECT c.relname AS name, tg.tgnargs > 0 AS may_move
                    FROM pg_trigger tg
                    JOIN pg_class c ON c.oid = tg.tgrelid
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND tg.tgname = c.relname || '_append_only'
                LOOP
                    EXECUTE format('REVOKE DELETE, TRUNCATE ON %I FROM {{role}}', t.name);
                    IF NOT t.may_move THEN
                        EXECUTE format('REVOKE UPDATE ON %I FROM {{role}}', t.name);
                    END IF;
                END LOOP;
            END
            $appendonly$;
            """;
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
