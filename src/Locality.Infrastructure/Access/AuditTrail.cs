using Locality.Application.Common.Interfaces;
using Locality.Domain.Access;
using Locality.Domain.People;
using Locality.Infrastructure.Hosting;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Locality.Infrastructure.Access;

/// <summary>
/// Collects a request's audit records and writes them in one statement when the request ends, on a connection of
/// their own, so a failed change does not take its audit with it and a page view costs one insert.
/// </summary>
internal sealed class AuditTrail(ICurrentUser user, TimeProvider clock, LocalityDbContext db) : IAuditTrail
{
    private const int Batch = 5000;
    private readonly List<AuditRecord> pending = [];

    public void Add(PersonId? person, AuditAction action, string request, string? sections = null, string? reason = null)
    {
        // Read from the claims once per row (a list can add thousands of rows in one request).
        var signIn = user.SignIn;
        pending.Add(new AuditRecord(clock.GetUtcNow(), user.UserId, user.ApiKeyId, user.AgencyId, person, action, sections, request, reason)
            .SignedInWith(signIn?.Method, signIn?.Provider, signIn?.SecondFactor));
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var records = pending.ToList();
        pending.Clear();
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        foreach (var chunk in records.Chunk(Batch))
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO audit_records (at, user_id, api_key_id, agency_id, person_id, action, sections, request, reason,
                                           sign_in_method, sign_in_provider, sign_in_second_factor)
                SELECT * FROM unnest(@at, @user, @key, @agency, @person, @action, @sections, @request, @reason, @method, @provider, @second)
                """, connection);
            command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = chunk.Select(r => r.At).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = chunk.Select(r => (Guid?)r.UserId?.Value).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = chunk.Select(r => (Guid?)r.ApiKeyId?.Value).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("agency", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = chunk.Select(r => (Guid?)r.AgencyId?.Value).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("person", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = chunk.Select(r => (Guid?)r.PersonId?.Value).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("action", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = chunk.Select(r => r.Action.ToString()).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("sections", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = chunk.Select(r => r.Sections).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("request", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = chunk.Select(r => r.Request).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = chunk.Select(r => r.Reason).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("method", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = chunk.Select(r => r.SignInMethod?.ToString()).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("provider", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = chunk.Select(r => r.SignInProvider).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("second", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = chunk.Select(r => r.SignInSecondFactor).ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
            LocalityTelemetry.CountAuditWrites(chunk);
        }
    }
}
