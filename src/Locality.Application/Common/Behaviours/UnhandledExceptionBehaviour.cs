using System.Reflection;
using Locality.Application.Common.Exceptions;
using Locality.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Locality.Application.Common.Behaviours;

/// <summary>
/// Turns the failures a caller can cause into the application's own (a stale version, a broken domain rule) and
/// logs anything that is not an <see cref="ApplicationFailure"/> as an error before letting it through. Logs the
/// exception type and stack, not its message, because messages from the database can quote the data.
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
            throw AsFailure(ex);
        }
        catch (Exception ex) when (ex is not (ApplicationFailure or OperationCanceledException))
        {
            logger.LogError("Request {Request} failed with {ExceptionType}: {StackTrace}", typeof(TRequest).Name, ex.GetType().FullName, ex.StackTrace);
            throw;
        }
    }

    /// <summary>
    /// A broken rule about one value the request carries is a field error on that field (the domain names its
    /// parameter, the request its property: the same word); any other broken rule is a clash with what is recorded.
    /// </summary>
    private static ApplicationFailure AsFailure(BusinessRuleException broken) =>
        broken.Field is { } field
        && typeof(TRequest).GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } property
            ? new ValidationFailedException(property.Name, broken.Message)
            : new ConflictException(broken.Message, ConflictKind.BusinessRule, broken);
}
