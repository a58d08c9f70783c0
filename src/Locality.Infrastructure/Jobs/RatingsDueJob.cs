using Locality.Application.Ratings;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Infrastructure.Jobs;

/// <summary>Daily: mark people due to be rated again, so they show in their lead worker's day.</summary>
public sealed class RatingsDueJob(IServiceScopeFactory scopes)
{
    public const string Id = "ratings-due";

    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        SystemRequests.SendAsync(scopes, new MarkRatingsDue(), cancellationToken);
}
