using Locality.Testing;
using Npgsql;

namespace Locality.Application.Tests.Schema;

/// <summary>
/// The hosts connect as a role that owns nothing: it can read and write what the application needs, but cannot switch
/// off, drop or replace the append-only and audit guards, make or change tables, or get round them some other way.
/// </summary>
public sealed class LeastPrivilegeTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Theory]
    [InlineData("ALTER TABLE timeline_entries DISABLE TRIGGER timeline_entries_append_only")]
    [InlineData("ALTER TABLE audit_records DISABLE TRIGGER ALL")]
    [InlineData("DROP TRIGGER audit_records_append_only ON audit_records")]
    [InlineData("CREATE OR REPLACE FUNCTION locality_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("ALTER TABLE people ADD COLUMN sneaked text")]
    [InlineData("CREATE TABLE copied_people AS SELECT * FROM people")]
    [InlineData("DROP TABLE timeline_amendments")]
    [InlineData("TRUNCATE people CASCADE")]
    [InlineData("UPDATE timeline_amendments SET reason = 'changed' WHERE false")]
    [InlineData("DELETE FROM timeline_entries WHERE false")]
    [InlineData("DELETE FROM __ef_migrations_history WHERE false")]
    [InlineData("SET ROLE postgres")]
    public async Task TheHostsRole_IsRefused(string sql)
    {
        await using var connection = await HostsConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.True(
            refused.SqlState is PostgresErrorCodes.InsufficientPrivilege,
            $"{sql} was refused with {refused.SqlState} ({refused.MessageText}), not for want of privilege.");
    }

    [Fact]
    public async Task TheHostsRole_OwnsNoTableAndIsNoSuperuser_ButCanUseATemporaryTable()
    {
        await using var connection = await HostsConnectionAsync();

        Assert.Equal(PostgresServer.HostsLogin, await ScalarAsync<string>(connection, "SELECT current_user"));
        Assert.False(await ScalarAsync<bool>(connection, "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(0L, await ScalarAsync<long>(connection,
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'hangfire') AND pg_has_role(current_user, c.relowner, 'USAGE')"));
        Assert.True(await ScalarAsync<long>(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") > 40);

        // An import stages its rows in a temporary table of its own.
        await using var staging = new NpgsqlCommand("CREATE TEMP TABLE staged (n int); INSERT INTO staged VALUES (1); SELECT count(*) FROM staged", connection);
        Assert.Equal(1L, await staging.ExecuteScalarAsync());
    }

    [Fact]
    public async Task EveryTableTheApplicationWrites_IsGrantedToTheHostsRole_AndTheAppendOnlyOnesOnlyForAdding()
    {
        await using var connection = await HostsConnectionAsync();

        // No table in the application's schemas that the hosts cannot read and add to (migrate grants every one).
        Assert.Equal(string.Empty, await ScalarAsync<string>(connection, """
            SELECT coalesce(string_agg(schemaname || '.' || tablename, ', '), '') FROM pg_tables
            WHERE schemaname IN ('public', 'hangfire')
              AND NOT (has_table_privilege(current_user, quote_ident(schemaname) || '.' || quote_ident(tablename), 'SELECT')
                   AND has_table_privilege(current_user, quote_ident(schemaname) || '.' || quote_ident(tablename), 'INSERT'))
              AND tablename <> '__ef_migrations_history'
            """));

        // The append-only ones may be added to, never deleted from; updated only where a merge moves rows.
        Assert.False(await ScalarAsync<bool>(connection, "SELECT has_table_privilege(current_user, 'audit_records', 'UPDATE') OR has_table_privilege(current_user, 'audit_records', 'DELETE')"));
        Assert.False(await ScalarAsync<bool>(connection, "SELECT has_table_privilege(current_user, 'timeline_entries', 'DELETE')"));
        Assert.True(await ScalarAsync<bool>(connection, "SELECT has_table_privilege(current_user, 'timeline_entries', 'UPDATE')"));
        Assert.True(await ScalarAsync<bool>(connection, "SELECT has_table_privilege(current_user, 'people', 'UPDATE')"));
    }

    private async Task<NpgsqlConnection> HostsConnectionAsync()
    {
        var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
