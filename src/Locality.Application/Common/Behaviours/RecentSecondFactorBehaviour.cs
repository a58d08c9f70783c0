using Locality.Application.Common.Security;
using MediatR;

namespace Locality.Application.Common.Behaviours;

/// <summary>
/// Before a serious act does anything (looks anyone up, audits the act, opens a transaction), asks for the second
/// factor again when the sender gave it too long ago (see <see cref="AsksForRecentSecondFactorAttribute"/>).
/// </summary>
internal sealed class RecentSecondFactorBehaviour<TRequest, TResponse>(RecentSecondFactor secondFactor) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        secondFactor.Require(typeof(TRequest));
        return next();
    }
}
