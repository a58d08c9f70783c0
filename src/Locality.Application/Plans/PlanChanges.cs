using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.People;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

/// <summary>Applies a change to a person's plan (started on first use), keeps the new version whole and puts a line on the timeline.</summary>
internal static class PlanChanges
{
    public static async Task<PlanDto> ApplyAsync(
        IApplicationDbContext db, TimeProvider clock, ICurrentUser user, Guid personId, uint version, Func<Plan, UserId?, DateTimeOffset, PlanVersion> change,
        CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, personId, cancellationToken);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.PersonId == conversation.PersonId, cancellationToken);
        if (plan is null)
        {
            if (version != 0)
            {
                throw ConflictException.StaleVersion();
            }

            plan = new Plan(conversation.PersonId, moment.Today);
            db.Plans.Add(plan);
        }
        else
        {
            db.ExpectVersion(plan, version);
        }

        var saved = change(plan, user.UserId, moment.Now);
        db.PlanVersions.Add(saved);
        db.TimelineEntries.Add(conversation.RecordPlanChange(EntryKind.PlanChanged, saved.Summary, user.AsAuthor(), moment.Now));
        await db.SaveChangesAsync(cancellationToken);
        return await PlanQueries.ForPersonAsync(db, conversation.PersonId, moment.Today, null, cancellationToken);
    }
}
