namespace Locality.Application.Common.Interfaces;

/// <summary>
/// One database transaction around a command: what it stores, the answer it gives and the idempotency key it used are
/// kept together or not at all. The answer is built before the commit, so a connection lost after the commit can
/// never turn a stored change into a failure the caller would retry.
/// </summary>
public interface IUnitOfWork
{
    bool InTransaction { get; }

    /// <summary>Runs the work in a transaction and commits it; work started inside another joins that one.</summary>
    Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Runs the action once the transaction commits (at once when none is open): for work another connection does, such as queuing a job.</summary>
    void AfterCommit(Action action);
}
