using Locality.Infrastructure.Jobs;

namespace Locality.Worker;

/// <summary>
/// Puts the recurring jobs on the schedule once the database answers. A worker started while PostgreSQL is away (a
/// failover, a restart) keeps trying every few seconds instead of stopping at once; the jobs it runs meanwhile wait
/// in the database too.
/// </summary>
internal sealed class RecurringJobsSchedule(IServiceProvider services, ILogger<RecurringJobsSchedule> log) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                LocalityJobs.Schedule(services);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "The recurring jobs could not be put on the schedule yet; trying again in {Seconds} s.", Pause.TotalSeconds);
            }

            await Task.Delay(Pause, stoppingToken);
        }
    }
}
