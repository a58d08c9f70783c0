using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Conversations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Sharing;

[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.Timeline)]
public sealed record LiftRestriction(Guid PersonId, Guid EntryId) : IRequest<RestrictionDto>, IChangesPerson;

internal sealed class LiftRestrictionHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<LiftRestriction, RestrictionDto>
{
    public async Task<RestrictionDto> Handle(LiftRestriction request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var entryId = new TimelineEntryId(request.EntryId);
        await TimelineViewer.Staff(user).RequireVisibleAsync(db, person, entryId, cancellationToken);
        var restriction = await db.EntryRestrictions.SingleOrDefaultAsync(r => r.EntryId == entryId && r.PersonId == person, cancellationToken)
                          ?? throw new NotFoundException("Restriction");
        restriction.Lift(user.UserId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new RestrictionDto(request.EntryId, false, restriction.Roles, restriction.UserIds, restriction.Reason);
    }
}
