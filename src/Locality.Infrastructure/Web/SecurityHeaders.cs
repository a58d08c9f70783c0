using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Locality.Infrastructure.Web;

/// <summary>
/// The headers both hosts send on every response: a Content-Security-Policy chosen by the host for each path (never
/// framed), no content sniffing, no referrer, no powerful browser features, and <c>Cache-Control: no-store</c> on
/// anything that has not said how it may be cached, so pages and answers about people are not kept by browsers or
/// proxies. Outside development, HSTS for a year. The hosts run behind a TLS-terminating proxy: the proxy's
/// <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> are believed from loopback and from the addresses and networks
/// in <c>ReverseProxy:KnownProxies</c> and <c>ReverseProxy:KnownNetworks</c>, and from nowhere else.
/// </summary>
public static class SecurityHeaders
{
    public static IServiceCollection AddLocalitySecurityHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return services;
    }

    /// <summary>Call first in the pipeline, so every answer (errors and refusals too) carries the headers.</summary>
    public static WebApplication UseLocalitySecurityHeaders(this WebApplication app, Func<PathString, string> contentSecurityPolicyFor)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            // Set as the answer starts, so an error page or problem written after the response was cleared keeps them.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = contentSecurityPolicyFor(context.Request.Path);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!context.Response.Headers.ContainsKey("Cache-Control"))
                {
                    context.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
