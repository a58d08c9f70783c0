using System.Diagnostics;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Locality.Infrastructure.Hosting;

namespace Locality.Infrastructure.Jobs;

/// <summary>
/// A span for each background job Hangfire runs (the job's database commands and logs belong to it), and its time in
/// <c>locality.job.duration</c>, tagged by the job's type and how it ended. Nothing from the job's arguments is kept.
/// </summary>
internal sealed class JobTelemetryFilter : IServerFilter
{
    private const string ActivityItem = "locality.telemetry.activity";
    private const string StartedItem = "locality.telemetry.started";

    private static int registered;

    /// <summary>Hangfire's filters are the process's own, so the filter is added once however many hosts start.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            GlobalJobFilters.Filters.Add(new JobTelemetryFilter());
        }
    }

    public void OnPerforming(PerformingContext context)
    {
        var type = TypeOf(context.BackgroundJob.Job);
        var activity = LocalityTelemetry.Source.StartActivity($"job {type}", ActivityKind.Internal);
        activity?.SetTag("job.type", type);
        context.Items[ActivityItem] = activity;
        context.Items[StartedItem] = Stopwatch.GetTimestamp();
    }

    public void OnPerformed(PerformedContext context)
    {
        var type = TypeOf(context.BackgroundJob.Job);
        var outcome = context.Exception switch
        {
            null when context.Canceled => "cancelled",
            null => "succeeded",
            OperationCanceledException or JobAbortedException => "cancelled",
            _ => "failed",
        };

        if (context.Items.TryGetValue(StartedItem, out var started) && started is long timestamp)
        {
            LocalityTelemetry.JobDuration.Record(
                Stopwatch.GetElapsedTime(timestamp).TotalSeconds,
                new KeyValuePair<string, object?>("job.type", type),
                new KeyValuePair<string, object?>("job.outcome", outcome));
        }

        if (context.Items.TryGetValue(ActivityItem, out var item) && item is Activity activity)
        {
            activity.SetTag("job.outcome", outcome);
            if (outcome == "failed")
            {
                // The type only: a message can quote what the job was working on.
                var failure = context.Exception is JobPerformanceException { InnerException: { } inner } ? inner : context.Exception!;
                activity.SetTag("error.type", failure.GetType().FullName);
                activity.SetStatus(ActivityStatusCode.Error);
            }

            activity.Stop();
        }
    }

    private static string TypeOf(Job? job) => job?.Type.Name ?? "unknown";
}
