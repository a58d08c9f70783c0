using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Access;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Access;

[AllowedFor(Roles.TeamLead, Roles.Admin)]
[AsksForRecentSecondFactor(Roles.Admin)]
public sealed record ReviewEmergencyAccess(Guid Id, string? Note) : IRequest<EmergencyAccessDto>;

internal sealed class ReviewEmergencyAccessHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ReviewEmergencyAccess, EmergencyAccessDto>
{
    public async Task<EmergencyAccessDto> Handle(ReviewEmergencyAccess request, CancellationToken cancellationToken)
    {
        var id = new BreakGlassGrantId(request.Id);
        var grant = await EmergencyAccessQueries.ReviewableBy(db, user, includeReviewed: true).SingleOrDefaultAsync(g => g.Id == id, cancellationToken)
                    ?? throw new NotFoundException("Emergency access");
        grant.Review(user.RequireUserId(), clock.GetUtcNow(), request.Note);
        await db.SaveChangesAsync(cancellationToken);
        return (await EmergencyAccessQueries.DescribeAsync(db, db.BreakGlassGrants.Where(g => g.Id == id), cancellationToken)).Single();
    }
}
