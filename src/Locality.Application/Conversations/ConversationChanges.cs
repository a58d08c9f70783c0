using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.People;
using Locality.Domain.Conversations;

namespace Locality.Application.Conversations;

/// <summary>
/// Applies a change to a person's conversation and adds the entries it makes. Two workers recording at the same
/// moment both succeed: adding to the timeline is never a clash, so a lost race on the conversation's own row is
/// retried from fresh data rather than reported.
/// </summary>
internal static class ConversationChanges
{
    private const int Attempts = 3;

    public static async Task<IReadOnlyList<TimelineEntryDto>> ApplyAsync(
        IApplicationDbContext db, Guid personId, Func<Conversation, IReadOnlyList<TimelineEntry>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var conversation = await PersonLookup.ConversationForChangeAsync(db, personId, cancellationToken);
            var entries = change(conversation);
            db.TimelineEntries.AddRange(entries);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return await TimelineQueries.DescribeAsync(db, entries, cancellationToken);
            }
            catch (ConflictException conflict) when (conflict.Kind == ConflictKind.StaleVersion && attempt < Attempts)
            {
                db.DiscardChanges();
            }
        }
    }
}
