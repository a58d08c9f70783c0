using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;

namespace Locality.Application.Access;

/// <summary>
/// Emergency access to review: for a team lead, access to the people their team leads; for an administrator, all of it.
/// </summary>
[AllowedFor(Roles.TeamLead, Roles.Admin)]
public sealed record GetEmergencyAccessReview(bool IncludeReviewed = false) : IRequest<IReadOnlyList<EmergencyAccessDto>>;

internal sealed class GetEmergencyAccessReviewHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetEmergencyAccessReview, IReadOnlyList<EmergencyAccessDto>>
{
    public Task<IReadOnlyList<EmergencyAccessDto>> Handle(GetEmergencyAccessReview request, CancellationToken cancellationToken) =>
        EmergencyAccessQueries.DescribeAsync(db, EmergencyAccessQueries.ReviewableBy(db, user, request.IncludeReviewed), cancellationToken);
}
