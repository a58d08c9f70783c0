using Locality.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace Locality.Infrastructure.Persistence;

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a key and its answer are kept: long enough to cover any client's retries (default a day).</summary>
    public int KeepHours { get; set; } = 24;
}

/// <summary>
/// Keys in <c>idempotency_keys</c>, claimed with <c>INSERT … ON CONFLICT</c> in the command's own transaction: a second
/// claim of a key waits on the first until it commits (and then finds its answer) or rolls back (and then takes it).
/// A key older than the keeping period is taken afresh.
/// </summary>
internal sealed class IdempotencyStore(LocalityDbContext db, TimeProvider clock, IOptions<IdempotencyOptions> options) : IIdempotencyStore
{
    public async Task<KeptAnswer?> ClaimAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var insert = await db.CommandAsync("""
            INSERT INTO idempotency_keys (sender, key, request, ordinal, fingerprint, answer, created_at)
            VALUES ($1, $2, $3, $4, $5, NULL, $6)
            ON CONFLICT (sender, key, request, ordinal) DO UPDATE
                SET fingerprint = excluded.fingerprint, answer = NULL, created_at = excluded.created_at
                WHERE idempotency_keys.created_at < $7
            RETURNING 1
            """, cancellationToken, claim.Sender, claim.Key, claim.Request, claim.Ordinal, claim.Fingerprint, now, now.AddHours(-options.Value.KeepHours)))
        {
            if (await insert.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return null;
            }
        }

        await using var select = await db.CommandAsync(
            "SELECT fingerprint, answer FROM idempotency_keys WHERE sender = $1 AND key = $2 AND request = $3 AND ordinal = $4", cancellationToken,
            claim.Sender, claim.Key, claim.Request, claim.Ordinal);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new KeptAnswer(reader.GetFieldValue<byte[]>(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }

    public async Task KeepAnswerAsync(IdempotencyClaim claim, string answer, CancellationToken cancellationToken)
    {
        await using var update = await db.CommandAsync(
            "UPDATE idempotency_keys SET answer = $5 WHERE sender = $1 AND key = $2 AND request = $3 AND ordinal = $4", cancellationToken,
            claim.Sender, claim.Key, claim.Request, claim.Ordinal, answer);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forgets keys past the keeping period; returns how many.</summary>
    public async Task<int> ForgetOldKeysAsync(CancellationToken cancellationToken)
    {
        await using var delete = await db.CommandAsync(
            "DELETE FROM idempotency_keys WHERE created_at < $1", cancellationToken, clock.GetUtcNow().AddHours(-options.Value.KeepHours));
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }

}
