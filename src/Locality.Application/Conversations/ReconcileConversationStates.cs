using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Domain.Conversations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Conversations;

/// <summary>
/// The daily check: ends rests whose check-back date has come and records each conversation that has gone quiet
/// (or come back) on its timeline, so the history shows when it happened. Safe to run more than once a day.
/// </summary>
[AllowedFor(Roles.System, Roles.Admin)]
[AsksForRecentSecondFactor(Roles.Admin)]
public sealed record ReconcileConversationStates : IRequest<ReconcileResult>;

public sealed record ReconcileResult(int Checked, int Changed);

internal sealed class ReconcileConversationStatesHandler(IApplicationDbContext db, TimeProvider clock, IOptions<ConversationOptions> options, IAuditTrail audit)
    : IRequestHandler<ReconcileConversationStates, ReconcileResult>
{
    private const int BatchSize = 500;

    public async Task<ReconcileResult> Handle(ReconcileConversationStates request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var quietAfter = options.Value.QuietAfter;
        var quietBefore = moment.Now - quietAfter;

        // Only conversations whose recorded state may be out of date: due to go quiet, quiet but reached since, or resting and due back.
        var candidates = await db.Conversations.AsNoTracking()
            .Where(c => (c.RestingUntil != null && c.RestingUntil <= moment.Today)
                        || (c.RestingUntil == null && c.LastKnownState != ConversationState.Quiet && (c.LastSuccessfulContactAt ?? c.OpenedAt) < quietBefore)
                        || (c.RestingUntil == null && c.LastKnownState != ConversationState.Active && (c.LastSuccessfulContactAt ?? c.OpenedAt) >= quietBefore))
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);

        var changed = 0;
        foreach (var batch in candidates.Chunk(BatchSize))
        {
            var conversations = await db.Conversations.Where(c => batch.Contains(c.Id)).ToListAsync(cancellationToken);
            foreach (var conversation in conversations)
            {
                var entries = conversation.Reconcile(moment, quietAfter);
                db.TimelineEntries.AddRange(entries);
                if (entries.Count > 0)
                {
                    changed++;
                    audit.Add(conversation.PersonId, Domain.Access.AuditAction.Changed, nameof(ReconcileConversationStates), "Conversation timeline");
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.DiscardChanges();
        }

        return new ReconcileResult(candidates.Count, changed);
    }
}
