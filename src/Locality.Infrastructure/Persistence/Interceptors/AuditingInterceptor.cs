using Locality.Application.Common.Interfaces;
using Locality.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Locality.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Stamps who created and last changed each auditable row, and when, from the current sender and the clock; and refuses
/// to save a change to, or deletion of, anything append-only.
/// </summary>
internal sealed class AuditingInterceptor(ICurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changed = context.ChangeTracker.Entries<IAppendOnly>()
            .FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (changed is not null)
        {
            throw new InvalidOperationException($"{changed.Entity.GetType().Name} records are only ever added: they cannot be changed or deleted.");
        }

        var now = clock.GetUtcNow();
        var by = currentUser.UserId?.Value;
        foreach (var entry in context.ChangeTracker.Entries<IAuditable>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.StampCreated(now, by);
                    break;
                case EntityState.Modified:
                    entry.Entity.StampUpdated(now, by);
                    break;
            }
        }
    }
}
