using Locality.Application.Ratings;
using Locality.Infrastructure.Security;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Infrastructure.Jobs;

/// <summary>Daily: mark people due to be rated again, so they show in their lead worker's day.</summary>
public sealed class RatingsDueJob(IServiceScopeFactory scopes)
{
    public const string Id = "ratings-due";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserScope>().Override = SystemUser.Instance;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new MarkRatingsDue(), cancellationToken);
    }
}
