namespace Locality.Application.Common.Exceptions;

/// <summary>An idempotency key already used for a different request: nothing is done, and the caller is told (422).</summary>
public sealed class IdempotencyKeyReusedException()
    : ApplicationFailure("This idempotency key was already used for a different request. Use a new key for a new request.")
{
    public override FailureCategory Category => FailureCategory.KeyReused;
}
