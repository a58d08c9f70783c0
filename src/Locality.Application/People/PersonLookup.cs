using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Conversations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.People;

internal static class PersonLookup
{
    /// <summary>The record to use for an id: itself, or, if it was merged away, the record it now lives in.</summary>
    public static async Task<PersonId> ResolveAsync(IApplicationDbContext db, Guid id, CancellationToken cancellationToken) =>
        await TryResolveAsync(db, id, cancellationToken) ?? throw new NotFoundException("Person");

    public static async Task<PersonId?> TryResolveAsync(IApplicationDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var current = new PersonId(id);
        for (var hops = 0; hops < 20; hops++)
        {
            var row = await db.People.AsNoTracking().Where(p => p.Id == current)
                .Select(p => new { p.MergedIntoId }).SingleOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                return null;
            }

            if (row.MergedIntoId is not { } next)
            {
                return current;
            }

            current = next;
        }

        throw new InvalidOperationException("A chain of merged records is too long to follow.");
    }

    /// <summary>The person's conversation, with its team, ready to change.</summary>
    public static async Task<Conversation> ConversationForChangeAsync(IApplicationDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var id = await ResolveAsync(db, personId, cancellationToken);
        return await db.Conversations.Include(c => c.Members).SingleOrDefaultAsync(c => c.PersonId == id, cancellationToken)
               ?? throw new NotFoundException("Conversation");
    }
}
