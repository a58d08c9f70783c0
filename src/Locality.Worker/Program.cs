using Locality.Infrastructure;
using Locality.Infrastructure.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Locality.Worker;

/// <summary>
/// The worker runs the background jobs (partner imports, the nightly conversation and ratings checks, clearing old
/// idempotency keys) and nothing else: no pages, no API. The web and API hosts only queue jobs, in PostgreSQL, so
/// each kind of host scales on its own and a long import never slows a key worker's page. It answers only its health
/// checks, for the orchestrator. Any number of workers may run: each job is claimed by one of them, and a job whose
/// worker stops (or is killed) is taken over by another within a minute, from its last stored chunk.
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddLocalityHost("locality-worker", args, JobServer.Runs);

        // Identity's services come with the user store the jobs use; they need the authentication services to be
        // built, though the worker signs nobody in. Every service is checked at start in every environment, so a
        // worker that could not run a job fails at once, not at 3 in the morning.
        builder.Services.AddAuthentication();
        builder.Host.UseDefaultServiceProvider(options =>
        {
            options.ValidateOnBuild = true;
            options.ValidateScopes = true;
        });

        builder.Services.AddHostedService<RecurringJobsSchedule>();

        var app = builder.Build();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

        await app.RunAsync();
        return 0;
    }
}
