using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.People;
using MediatR;

namespace Locality.Application.Conversations;

/// <summary>A page of a person's timeline, newest first. <see cref="Before"/> is the cursor from the previous page.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record GetTimeline(Guid PersonId, string? Before = null) : IRequest<TimelinePage>, IReadsPerson;

internal sealed class GetTimelineHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetTimeline, TimelinePage>
{
    public async Task<TimelinePage> Handle(GetTimeline request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        return await TimelineQueries.PageAsync(db, person, TimelineViewer.Staff(user), request.Before, TimelineQueries.PageSize, cancellationToken);
    }
}
