using Locality.Infrastructure.Security;
using Microsoft.AspNetCore.OpenApi;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Locality.Api.Infrastructure;

/// <summary>
/// Describes the API as a whole in the OpenAPI document: the two ways to authenticate (one of them required
/// everywhere), and the server it is reached at (as the caller reached it: behind the TLS proxy, https), which
/// partner agencies' systems call from outside.
/// </summary>
internal sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Locality API";
        document.Info.Description =
            "Multi-agency locality casework: people, their conversations, plans, ratings and demand. " +
            "Every answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; text fields are at most " +
            $"{BoundsTransformer.LongestText} characters unless they say less, and lists at most {Locality.Application.Common.Validation.ListLimits.LongestList} items.";
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
            server.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            server.Extensions["x-internal"] = new JsonNodeExtension(JsonValue.Create(false));
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A token from POST /api/auth/token; or a partner system's access token (a JWT) from its own provider, whose issuer and client an administrator registered (POST /api/agencies/{id}/token-clients).",
        };
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "A partner agency's key, made by an administrator.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });
        return Task.CompletedTask;
    }
}
