using Locality.Application.Conversations;
using Locality.Infrastructure.Security;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Infrastructure.Jobs;

/// <summary>Daily: record conversations that have gone quiet or come back, and end rests whose check-back date has come.</summary>
public sealed class ConversationStateJob(IServiceScopeFactory scopes)
{
    public const string Id = "conversation-states";

    public async Task<ReconcileResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserScope>().Override = SystemUser.Instance;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReconcileConversationStates(), cancellationToken);
    }
}
