using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Conversations;

/// <summary>
/// A key worker's day: their people, who has gone quiet (keep trying), and check-backs due. A team lead can see the
/// same for anyone in their team.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
public sealed record GetMyDay(Guid? WorkerId = null) : IRequest<MyDayDto>;

internal sealed class GetMyDayHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<ConversationOptions> options, IAuditTrail audit)
    : IRequestHandler<GetMyDay, MyDayDto>
{
    public async Task<MyDayDto> Handle(GetMyDay request, CancellationToken cancellationToken)
    {
        var me = user.RequireUserId();
        var worker = request.WorkerId is { } asked ? new UserId(asked) : me;
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == worker, cancellationToken)
                    ?? throw new NotFoundException("Worker");
        if (worker != me && !(user.IsInRole(Roles.TeamLead) && staff.TeamId == user.TeamId))
        {
            throw new ForbiddenException("You can see the day of people in your own team only.");
        }

        var moment = clock.Now();
        var people = await DayQueries.PeopleLedByAsync(db, [worker], moment, options.Value.QuietAfter, cancellationToken);
        DayQueries.AuditListed(audit, people, nameof(GetMyDay));
        var names = people.ToDictionary(p => p.PersonId, p => p.KnownAs);
        return new MyDayDto(
            worker.Value, staff.DisplayName, people, DayQueries.KeepTrying(people), DayQueries.CheckBacksDue(people, moment.Today),
            await DayQueries.RatingsDueAsync(db, people, cancellationToken),
            await Plans.DaySteps.ForAsync(db, names, moment.Today, cancellationToken));
    }
}
