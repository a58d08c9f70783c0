using System.Diagnostics;
using Locality.Application.Common.Interfaces;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Locality.Application.Common.Behaviours;

/// <summary>
/// Logs each request's name, who sent it (by id only) and how long it took. Never the request's content:
/// requests carry people's names, NHS numbers and notes, which must not reach the logs.
/// </summary>
internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var sender = currentUser.UserId?.Value.ToString() ?? currentUser.ApiKeyId?.Value.ToString() ?? currentUser.TokenClientId?.Value.ToString() ?? "anonymous";
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogInformation("Request {Request} by {Sender} completed in {ElapsedMs:0.0} ms", name, sender, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            logger.LogInformation("Request {Request} by {Sender} ended with {Outcome} after {ElapsedMs:0.0} ms", name, sender, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
