using Locality.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Locality.Infrastructure.Hosting;

public static class LocalityHost
{
    /// <summary>
    /// What every Locality host (web, API, worker) starts with: logging with correlation ids, graceful shutdown,
    /// telemetry under <paramref name="serviceName"/>, the application, the infrastructure (running background jobs
    /// or only queuing them, <paramref name="jobs"/>) and the Identity stores. Each host adds its own front on top.
    /// </summary>
    public static WebApplicationBuilder AddLocalityHost(this WebApplicationBuilder builder, string serviceName, string[] args, JobServer jobs)
    {
        builder.AddLocalityLogging(args);
        builder.AddLocalityShutdown();
        builder.AddLocalityTelemetry(serviceName);
        builder.Services.AddApplication();
        builder.Services.AddInfrastructure(builder.Configuration, jobs);
        builder.Services.AddLocalityIdentity();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }
}
