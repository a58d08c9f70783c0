using System.Text.Json.Serialization;
using Locality.Api.Endpoints;
using Locality.Api.Infrastructure;
using Locality.Infrastructure;
using Locality.Infrastructure.Hosting;
using Locality.Infrastructure.Security;
using Locality.Infrastructure.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;

namespace Locality.Api;

public sealed class Program
{
    /// <summary>The API answers with data, never pages: nothing in an answer may load or run anything.</summary>
    private const string AnswerPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The API reference page (no personal data) is a third-party page that needs inline script and style.</summary>
    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddLocalityHost("locality-api", args, JobServer.QueuesOnly);
        AddAuthentication(builder.Services);

        builder.Services.AddProblemDetails();
        builder.Services.AddLocalityRateLimits(builder.Configuration, WriteTooManyRequestsAsync);
        builder.Services.AddLocalitySecurityHeaders(builder.Configuration);
        AddCrossOriginCalls(builder.Services, builder.Configuration);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Api:MaxRequestBodyBytes", 1_048_576L));
        builder.Services.AddSingleton<ValidatorLimits>();
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<SecuritySchemesTransformer>();
            options.AddDocumentTransformer<ProblemSchemasTransformer>();
            options.AddOperationTransformer<StandardResponsesTransformer>();
            options.AddOperationTransformer<ParameterBoundsTransformer>();
            options.AddSchemaTransformer<BoundsTransformer>();
        });

        var app = builder.Build();
        if (LocalityCommands.IsCommand(args))
        {
            return await LocalityCommands.RunAsync(args, app.Services);
        }

        app.UseLocalitySecurityHeaders(path => path.StartsWithSegments("/scalar") ? ReferencePolicy : AnswerPolicy);
        app.UseLocalityRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseAuthentication();
        app.UseLocalitySessionCheck();
        app.UseLocalityRateLimits(everyApiCall: true);
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle("Locality API")).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapAuthEndpoints();
        app.MapOrganisationEndpoints();
        app.MapPeopleEndpoints();
        app.MapAccessEndpoints();
        app.MapRatingEndpoints();
        app.MapPlanEndpoints();
        app.MapDemandEndpoints();
        app.MapCostEndpoints();

        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// Partner systems call the API from their servers, so browsers are not let in from other sites unless the
    /// locality names the origins (Cors:AllowedOrigins), e.g. a partner's own web app. Bearer tokens and keys travel
    /// in headers, never cookies, so no credentials are shared with those origins.
    /// </summary>
    private static void AddCrossOriginCalls(IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT")
            .WithHeaders("Authorization", "Content-Type", ApiKeyAuthenticationHandler.HeaderName, Application.Common.Idempotency.IdempotencyKeys.HeaderName)
            .WithExposedHeaders(RateLimits.LimitHeader, RateLimits.RemainingHeader, RateLimits.ResetHeader, "Retry-After", "Location")));
    }

    internal static Task WriteTooManyRequestsAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "Wait a minute and try again. The Retry-After header says how many seconds.",
            },
        }).AsTask();

    /// <summary>
    /// People send a bearer token (from <c>/api/auth/token</c>); partner systems send their agency's key in <c>X-Api-Key</c>,
    /// or a bearer access token from their own provider (a JWT, whose issuer and client an administrator registered).
    /// Every endpoint needs one of them unless it says otherwise.
    /// </summary>
    private static void AddAuthentication(IServiceCollection services)
    {
        const string selector = "BearerOrApiKey";
        services.AddAuthentication(selector)
            .AddPolicyScheme(selector, "Bearer token, partner API key or partner's own token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName
                    : PartnerTokens.IsJwtBearer(context.Request) ? PartnerTokens.SchemeName
                    : IdentityConstants.BearerScheme)
            .AddPartnerTokens()
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromMinutes(30))
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}
