using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Idempotency;
using Locality.Application.Common.Interfaces;
using MediatR;

namespace Locality.Application.Common.Behaviours;

/// <summary>
/// Runs each command in one transaction, and makes a command sent with an idempotency key happen once: the same key
/// with the same content gives the first answer again and stores nothing new; the same key with other content is
/// refused (422). It sits after authorization and the person check (a repeat is allowed only to someone who may send
/// it now) and before validation (a repeat is not refused as a duplicate of itself). A query, which changes nothing,
/// is tried again when the database was briefly away; a command is not, since only its caller knows whether to resend
/// it (with its key, safely).
/// </summary>
internal sealed class UnitOfWorkBehaviour<TRequest, TResponse>(
    IUnitOfWork unitOfWork, IIdempotencyStore store, IIdempotencyKeySource keySource, IdempotencyKeys keys, ICurrentUser user,
    ITransientFailures failures)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly TimeSpan[] QueryRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(800)];

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (unitOfWork.InTransaction)
        {
            return await next();
        }

        if (RequestKinds.IsQuery(typeof(TRequest)))
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await next();
                }
                catch (Exception ex) when (attempt < QueryRetryDelays.Length && failures.IsTransient(ex))
                {
                    await Task.Delay(QueryRetryDelays[attempt], cancellationToken);
                }
            }
        }

        return await unitOfWork.InTransactionAsync(async () =>
        {
            if (Claim(request) is not { } claim)
            {
                return await next();
            }

            if (await store.ClaimAsync(claim, cancellationToken) is { } kept)
            {
                if (!kept.Fingerprint.AsSpan().SequenceEqual(claim.Fingerprint))
                {
                    throw new IdempotencyKeyReusedException();
                }

                return kept.Answer is null
                    ? throw new ConflictException("This request is still being worked on. Try again in a moment.", ConflictKind.Duplicate)
                    : IdempotentAnswers.GiveAgain<TResponse>(kept.Answer);
            }

            var answer = await next();
            await store.KeepAnswerAsync(claim, IdempotentAnswers.Keep(answer), cancellationToken);
            return answer;
        }, cancellationToken);
    }

    private IdempotencyClaim? Claim(TRequest request)
    {
        if (keySource.Key is not { } key || Sender() is not { } sender)
        {
            return null;
        }

        var name = typeof(TRequest).Name;
        return new IdempotencyClaim(sender, IdempotencyKeys.Checked(key), name, keys.NextOrdinal(name), IdempotentAnswers.Fingerprint(request));
    }

    private string? Sender() =>
        user.UserId is { } person ? $"user:{person.Value}"
        : user.ApiKeyId is { } partner ? $"key:{partner.Value}"
        : user.TokenClientId is { } client ? $"client:{client.Value}"
        : null;
}
