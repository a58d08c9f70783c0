using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Conversations;
using Locality.Domain.Plans;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

/// <summary>Sets aside a strength that is no longer true. It stays in the plan's history.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record SetStrengthAside(Guid PersonId, Guid StrengthId) : IRequest<PlanDto>, IChangesPerson;

internal sealed class SetStrengthAsideHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<SetStrengthAside, PlanDto>
{
    public async Task<PlanDto> Handle(SetStrengthAside request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, request.PersonId, cancellationToken);
        var strength = await db.Strengths.SingleOrDefaultAsync(s => s.Id == new StrengthId(request.StrengthId) && s.PersonId == conversation.PersonId, cancellationToken)
                       ?? throw new NotFoundException("Strength");
        strength.SetAside(moment.Now);
        db.TimelineEntries.Add(conversation.RecordPlanChange(EntryKind.StrengthRecorded, $"Set aside a strength: {strength.Text}", user.AsAuthor(), moment.Now));
        await db.SaveChangesAsync(cancellationToken);
        return await PlanQueries.ForPersonAsync(db, conversation.PersonId, moment.Today, null, cancellationToken);
    }
}
