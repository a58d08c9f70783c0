using Hangfire;
using Locality.Application.Common.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Infrastructure.Jobs;

/// <summary>The recurring jobs, scheduled in UK time. Safe to call from every instance: scheduling is idempotent.</summary>
public static class LocalityJobs
{
    public static void Schedule(IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        var uk = UkCalendar.TimeZone;
        jobs.AddOrUpdate<ConversationStateJob>(
            ConversationStateJob.Id, job => job.RunAsync(CancellationToken.None), "15 3 * * *", new RecurringJobOptions { TimeZone = uk });
        jobs.AddOrUpdate<RatingsDueJob>(
            RatingsDueJob.Id, job => job.RunAsync(CancellationToken.None), "30 3 * * *", new RecurringJobOptions { TimeZone = uk });
        jobs.AddOrUpdate<HousekeepingJob>(HousekeepingJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        foreach (var replaced in HousekeepingJob.Replaced)
        {
            jobs.RemoveIfExists(replaced);
        }

        jobs.AddOrUpdate<StrandedImportsJob>(StrandedImportsJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
    }
}
