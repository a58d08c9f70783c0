using Locality.Application.Common.Interfaces;
using MediatR;

namespace Locality.Application.Common.Behaviours;

/// <summary>Writes the request's audit records when it ends, whether it succeeded, failed or was refused.</summary>
internal sealed class AuditBehaviour<TRequest, TResponse>(IAuditTrail audit) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        finally
        {
            await audit.FlushAsync(CancellationToken.None);
        }
    }
}
