using Locality.Application.Common.Exceptions;
using Locality.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Locality.Application.Common.Behaviours;

/// <summary>
/// Turns the failures a caller can cause into the application's own exceptions (a stale version, a broken
/// domain rule) and logs anything else as an error before letting it through. Logs the exception type and
/// stack, not its message, because messages from the database can quote the data.
/// </summary>
internal sealed class UnhandledExceptionBehaviour<TRequest, TResponse>(ILogger<UnhandledExceptionBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw ConflictException.StaleVersion(ex);
        }
        catch (BusinessRuleException ex)
        {
            throw new ConflictException(ex.Message, ConflictKind.BusinessRule, ex);
        }
        catch (Exception ex) when (ex is not (ValidationFailedException or NotFoundException or ForbiddenException
                                       or NotSignedInException or ConflictException or IdempotencyKeyReusedException
                                       or LikelyMatchesException or BreakGlassRequiredException or OperationCanceledException))
        {
            logger.LogError("Request {Request} failed with {ExceptionType}: {StackTrace}", typeof(TRequest).Name, ex.GetType().FullName, ex.StackTrace);
            throw;
        }
    }
}
