using Locality.Application.Common.Interfaces;

namespace Locality.Infrastructure.Persistence;

internal sealed class UnitOfWork(LocalityDbContext db) : IUnitOfWork
{
    private readonly List<Action> afterCommit = [];

    public bool InTransaction => db.Database.CurrentTransaction is not null;

    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (InTransaction)
        {
            return await work();
        }

        T result;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            result = await work();
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch
        {
            afterCommit.Clear();
            throw;
        }

        var actions = afterCommit.ToList();
        afterCommit.Clear();
        foreach (var action in actions)
        {
            action();
        }

        return result;
    }

    public void AfterCommit(Action action)
    {
        if (InTransaction)
        {
            afterCommit.Add(action);
        }
        else
        {
            action();
        }
    }
}
