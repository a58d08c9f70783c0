namespace Locality.Application.Common.Interfaces;

/// <summary>
/// Where idempotency keys and the answers given under them are kept (in PostgreSQL, so every instance of every host
/// sees the same keys). Claims are made inside the command's transaction: a second request with the same key waits for
/// the first to finish and then finds its answer.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Claims the key for this request, or returns what was kept under it before (within the keeping period).</summary>
    Task<KeptAnswer?> ClaimAsync(IdempotencyClaim claim, CancellationToken cancellationToken);

    Task KeepAnswerAsync(IdempotencyClaim claim, string answer, CancellationToken cancellationToken);
}

/// <summary>
/// A key as one sender used it for one kind of request. <paramref name="Ordinal"/> counts requests of the same kind
/// sent under one key by one call (a form that records two things of one kind).
/// </summary>
public sealed record IdempotencyClaim(string Sender, string Key, string Request, int Ordinal, byte[] Fingerprint);

public sealed record KeptAnswer(byte[] Fingerprint, string? Answer);

/// <summary>The key the caller sent with this call, if any: the API's <c>Idempotency-Key</c> header or a form's hidden key.</summary>
public interface IIdempotencyKeySource
{
    string? Key { get; }
}
