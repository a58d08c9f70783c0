using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Locality.Infrastructure.Identity.Providers;

public static class ProviderSignInSetup
{
    /// <summary>Signing in through agencies' own providers (the web host): schemes made from the database while running.</summary>
    public static IServiceCollection AddProviderSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ProviderSignInOptions>(configuration.GetSection(ProviderSignInOptions.Section));
        services.AddSingleton<ProviderSchemes>();
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ProviderOptionsSetup>();
        // What AddOpenIdConnect would register: it makes each scheme's metadata reader, state format and back channel.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddScoped<ProviderAccounts>();
        services.AddScoped<BackChannelLogout>();
        return services;
    }

    /// <summary>Call before <c>UseAuthentication</c>: a request to a provider's addresses finds its scheme registered.</summary>
    public static IApplicationBuilder UseProviderSchemes(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/sign-in/oidc"))
            {
                await context.RequestServices.GetRequiredService<ProviderSchemes>()
                    .EnsureForRequestAsync(context, context.RequestServices.GetRequiredService<LocalityDbContext>());
            }

            await next(context);
        });
}
