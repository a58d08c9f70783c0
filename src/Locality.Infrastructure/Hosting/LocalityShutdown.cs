using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Locality.Infrastructure.Hosting;

public static class LocalityShutdown
{
    /// <summary>
    /// On SIGTERM (an orchestrator replacing the instance) a host stops taking new connections and lets what is in
    /// flight finish: requests, and the worker's running jobs, for up to <c>HostOptions:ShutdownTimeout</c> (30 seconds
    /// unless configured; the orchestrator's grace period must be longer).
    /// </summary>
    public static WebApplicationBuilder AddLocalityShutdown(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection("HostOptions");
        builder.Services.Configure<HostOptions>(options =>
        {
            options.ShutdownTimeout = TimeSpan.FromSeconds(30);
            configured.Bind(options);
        });
        return builder;
    }
}
