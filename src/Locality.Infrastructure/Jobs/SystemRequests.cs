using Locality.Infrastructure.Security;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Infrastructure.Jobs;

/// <summary>Sends a request through the mediator as the service itself (the System role), in a scope of its own: how scheduled jobs work.</summary>
internal static class SystemRequests
{
    public static async Task<TResponse> SendAsync<TResponse>(IServiceScopeFactory scopes, IRequest<TResponse> request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserScope>().Override = SystemUser.Instance;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }
}
