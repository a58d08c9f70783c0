using Locality.Application.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Infrastructure.Jobs;

/// <summary>Daily: record conversations that have gone quiet or come back, and end rests whose check-back date has come.</summary>
public sealed class ConversationStateJob(IServiceScopeFactory scopes)
{
    public const string Id = "conversation-states";

    public Task<ReconcileResult> RunAsync(CancellationToken cancellationToken) =>
        SystemRequests.SendAsync(scopes, new ReconcileConversationStates(), cancellationToken);
}
