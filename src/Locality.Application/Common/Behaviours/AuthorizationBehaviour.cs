using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;

namespace Locality.Application.Common.Behaviours;

/// <summary>Checks the request's declared roles against the sender before anything else touches data.</summary>
internal sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser currentUser) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly RequestPermission Permission = RequestPermission.For(typeof(TRequest));

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!currentUser.IsAuthenticated)
        {
            throw new NotSignedInException();
        }

        if (!Permission.Allows(currentUser))
        {
            throw new ForbiddenException();
        }

        return next();
    }
}
