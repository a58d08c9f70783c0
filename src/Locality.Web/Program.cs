using Hangfire;
using Locality.Application.Common.Security;
using Locality.Infrastructure;
using Locality.Infrastructure.Hosting;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Identity.Providers;
using Locality.Infrastructure.Web;
using Locality.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web;

public sealed class Program
{
    /// <summary>Scripts and styles come only from this site, as files: nothing inline.</summary>
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>The jobs dashboard (a third-party page, administrators only) needs inline script and style.</summary>
    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddLocalityHost("locality-web", args, JobServer.QueuesOnly);
        AddSignIn(builder.Services);
        builder.Services.AddProviderSignIn(builder.Configuration);
        builder.Services.AddScoped<ProviderSignIn>();

        // Passkeys (PasskeysController): the relying party is the site's domain name, from Passkeys:ServerDomain, else
        // the host the request came to (Identity's own default). A passkey is both steps of signing in at once, so the
        // authenticator must check it is the person (fingerprint, face, screen lock), and it must be one the browser
        // can offer without being told whose it is.
        builder.Services.Configure<IdentityPasskeyOptions>(options =>
        {
            options.ServerDomain = builder.Configuration["Passkeys:ServerDomain"] is { Length: > 0 } domain ? domain : null;
            options.UserVerificationRequirement = "required";
            options.ResidentKeyRequirement = "required";
        });

        builder.Services
            .AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add(new UnstorableTextFilter());
                options.Filters.Add<FormFailureFilter>();
                FriendlyBindingMessages.Apply(options.ModelBindingMessageProvider);
                options.ModelBinderProviders.Insert(0, new DatePartsModelBinderProvider());
                options.ModelMetadataDetailsProviders.Add(new DisplayOnlyBinding());

                // A form's own checks (a time that has not happened yet) are reported with its fields' errors, not after them.
                options.ValidateComplexTypesIfChildValidationFails = true;
            });
        builder.Services.AddLocalityRateLimits(builder.Configuration);
        builder.Services.AddLocalitySecurityHeaders(builder.Configuration);
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "locality-antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.Configure<CookieTempDataProviderOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        var app = builder.Build();
        if (LocalityCommands.IsCommand(args))
        {
            return await LocalityCommands.RunAsync(args, app.Services);
        }

        app.UseLocalitySecurityHeaders(path => path.StartsWithSegments(Paths.Jobs) ? DashboardPolicy : PagePolicy);
        app.UseLocalityRequestLogging();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<FormWithHiddenCharacters>();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Our own styles, scripts, fonts and images: a browser may keep them but checks they are current.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseRouting();
        app.UseProviderSchemes();
        app.UseAuthentication();
        app.UseLocalitySessionCheck();
        app.UseAuthorization();
        app.UseLocalityRateLimits(everyApiCall: false);

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapHangfireDashboard(Paths.Jobs, new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            DashboardTitle = "Locality background jobs",
            AppPath = Paths.Home,
        });
        app.MapControllers();

        await app.RunAsync();
        return 0;
    }

    /// <summary>An absolute address the cookie handler built, as a path and query on this site.</summary>
    private static string SitePath(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : redirectUri;

    /// <summary>
    /// Cookie sign-in for people. The security stamp is checked on every request, so signing out, a stopped account or
    /// a changed role ends the session at once on every instance.
    /// </summary>
    private static void AddSignIn(IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "locality";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = Paths.SignIn;
            options.LogoutPath = Paths.SignOut;
            options.AccessDeniedPath = "/error/403";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };

            // The sign-in page is sent as a path on this site, never built from the request's Host header.
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.Redirect(SitePath(context.RedirectUri));
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToLogout = context =>
            {
                context.Response.Redirect(SitePath(context.RedirectUri));
                return Task.CompletedTask;
            };
        });
        // Roles and names are refreshed into the cookie each minute; the stamp itself is checked on every request (SessionCheck).
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal is { } current && context.NewPrincipal is { } replacement)
                {
                    SignInSessions.KeepStrength(current, replacement);
                }

                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.Admin, policy => policy.RequireRole(Roles.Admin));
    }
}
