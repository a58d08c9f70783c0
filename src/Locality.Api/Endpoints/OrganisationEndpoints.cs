using Locality.Application.Organisations.Agencies;
using Locality.Application.Organisations.ApiKeys;
using Locality.Application.Organisations.IdentityProviders;
using Locality.Application.Organisations.Localities;
using Locality.Application.Organisations.Teams;
using Locality.Application.Organisations.TokenClients;
using Locality.Application.Organisations.Users;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Api.Endpoints;

/// <summary>Localities, agencies, teams, the people who sign in, agencies' own sign-in (identity providers), and partner systems' API keys and token clients.</summary>
internal static class OrganisationEndpoints
{
    public static void MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (IMediator m, CancellationToken ct) => m.Send(new GetCurrentUser(), ct))
            .WithTags("Me").WithSummary("Who you are signed in as").Sends<GetCurrentUser>();

        var localities = app.MapGroup("/api/localities").WithTags("Localities");
        localities.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new GetLocalities(), ct)).Sends<GetLocalities>();
        localities.MapGet("/{id:guid}", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetLocality(id), ct)).Sends<GetLocality>();
        localities.MapPost("/", async (CreateLocality request, IMediator m, CancellationToken ct) =>
        {
            var created = await m.Send(request, ct);
            return TypedResults.Created($"/api/localities/{created.Id}", created);
        }).Sends<CreateLocality>();
        localities.MapPut("/{id:guid}", (Guid id, NameBody body, IMediator m, CancellationToken ct) =>
            m.Send(new UpdateLocality(id, body.Name, body.Version), ct)).Sends<UpdateLocality>();

        var agencies = app.MapGroup("/api/agencies").WithTags("Agencies");
        agencies.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new GetAgencies(), ct)).Sends<GetAgencies>();
        agencies.MapGet("/{id:guid}", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetAgency(id), ct)).Sends<GetAgency>();
        agencies.MapPost("/", async (CreateAgency request, IMediator m, CancellationToken ct) =>
        {
            var created = await m.Send(request, ct);
            return TypedResults.Created($"/api/agencies/{created.Id}", created);
        }).Sends<CreateAgency>();
        agencies.MapPut("/{id:guid}", (Guid id, AgencyBody body, IMediator m, CancellationToken ct) =>
            m.Send(new UpdateAgency(id, body.Name, body.Kind, body.Version), ct)).Sends<UpdateAgency>();
        agencies.MapGet("/{id:guid}/api-keys", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetApiKeys(id), ct))
            .WithTags("Partner API keys").Sends<GetApiKeys>();
        agencies.MapPost("/{id:guid}/api-keys", async (Guid id, ApiKeyBody body, IMediator m, CancellationToken ct) =>
            {
                var created = await m.Send(new CreateApiKey(id, body.Name), ct);
                return TypedResults.Created($"/api/api-keys/{created.Details.Id}", created);
            })
            .WithTags("Partner API keys")
            .WithSummary("Make a key for a partner agency's system")
            .WithDescription("The whole key is in this response only. Store it safely: Locality keeps only a hash of it.")
            .Sends<CreateApiKey>();
        app.MapPost("/api/api-keys/{id:guid}/revoke", (Guid id, IMediator m, CancellationToken ct) => m.Send(new RevokeApiKey(id), ct))
            .WithTags("Partner API keys").WithSummary("Stop a key working at once").Sends<RevokeApiKey>();
        agencies.MapGet("/{id:guid}/token-clients", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetTokenClients(id), ct))
            .WithTags("Partner token clients").WithSummary("The agency's systems that call with their own provider's tokens").Sends<GetTokenClients>();
        agencies.MapPost("/{id:guid}/token-clients", async (Guid id, TokenClientBody body, IMediator m, CancellationToken ct) =>
            {
                var created = await m.Send(new CreateTokenClient(id, body.Name, body.Issuer, body.ClientId, body.Audience), ct);
                return TypedResults.Created($"/api/token-clients/{created.Id}", created);
            })
            .WithTags("Partner token clients")
            .WithSummary("Let a partner agency's system call with access tokens from its own provider")
            .WithDescription("The system then sends `Authorization: Bearer <access token>` from an OAuth client-credentials grant at that issuer. " +
                             "The token must be signed by a key the issuer publishes, carry the audience given here (or Locality's own), and be in date.")
            .Sends<CreateTokenClient>();
        app.MapPost("/api/token-clients/{id:guid}/remove", (Guid id, IMediator m, CancellationToken ct) => m.Send(new RemoveTokenClient(id), ct))
            .WithTags("Partner token clients").WithSummary("Stop a system's tokens working at once").Sends<RemoveTokenClient>();

        var providers = app.MapGroup("/api/identity-providers").WithTags("Identity providers");
        providers.MapGet("/", (Guid? agencyId, IMediator m, CancellationToken ct) => m.Send(new GetIdentityProviders(agencyId), ct))
            .WithSummary("Agencies' own sign-in services, all or one agency's").Sends<GetIdentityProviders>();
        providers.MapGet("/{id:guid}", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetIdentityProvider(id), ct))
            .WithSummary("One provider's settings, whether its secret is set, and the addresses to register at it").Sends<GetIdentityProvider>();
        agencies.MapPost("/{id:guid}/identity-providers", async (Guid id, NewProviderBody body, IMediator m, CancellationToken ct) =>
            {
                var created = await m.Send(
                    new CreateIdentityProvider(
                        id, body.Key, body.Name, body.Authority, body.ClientId, body.SecretName, body.EmailDomains ?? [], body.GroupsClaim,
                        body.Groups ?? [], body.DefaultTeamId, body.CreatesAccounts, body.WithoutSecondFactor),
                    ct);
                return TypedResults.Created($"/api/identity-providers/{created.Id}", created);
            })
            .WithTags("Identity providers")
            .WithSummary("Add an agency's own sign-in (an OpenID Connect provider)")
            .WithDescription("The client secret is never sent: name the setting that holds it (IdentityProviders:Secrets:{name}). The short name (key) is in the provider's addresses and cannot be changed.")
            .Sends<CreateIdentityProvider>();
        providers.MapPut("/{id:guid}", (Guid id, ProviderBody body, IMediator m, CancellationToken ct) =>
                m.Send(
                    new UpdateIdentityProvider(
                        id, body.Name, body.Authority, body.ClientId, body.SecretName, body.EmailDomains ?? [], body.GroupsClaim, body.Groups ?? [],
                        body.DefaultTeamId, body.CreatesAccounts, body.WithoutSecondFactor, body.Version),
                    ct))
            .WithSummary("Change a provider's settings (not its agency or short name)").Sends<UpdateIdentityProvider>();
        providers.MapPost("/{id:guid}/enabled", (Guid id, EnabledBody body, IMediator m, CancellationToken ct) =>
                m.Send(new SetIdentityProviderEnabled(id, body.Enabled, body.Version), ct))
            .WithSummary("Switch a provider off (its staff cannot sign in through it) or on").Sends<SetIdentityProviderEnabled>();

        var teams = app.MapGroup("/api/teams").WithTags("Teams");
        teams.MapGet("/", (Guid? localityId, Guid? agencyId, IMediator m, CancellationToken ct) =>
            m.Send(new GetTeams(localityId, agencyId), ct)).Sends<GetTeams>();
        teams.MapGet("/{id:guid}", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetTeam(id), ct)).Sends<GetTeam>();
        teams.MapPost("/", async (CreateTeam request, IMediator m, CancellationToken ct) =>
        {
            var created = await m.Send(request, ct);
            return TypedResults.Created($"/api/teams/{created.Id}", created);
        }).Sends<CreateTeam>();
        teams.MapPut("/{id:guid}", (Guid id, TeamBody body, IMediator m, CancellationToken ct) =>
            m.Send(new UpdateTeam(id, body.Name, body.AgencyId, body.LocalityId, body.Version), ct)).Sends<UpdateTeam>();

        var users = app.MapGroup("/api/users").WithTags("Users");
        users.MapGet("/", (Guid? teamId, IMediator m, CancellationToken ct) => m.Send(new GetUsers(teamId), ct)).Sends<GetUsers>();
        users.MapGet("/{id:guid}", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetUser(id), ct)).Sends<GetUser>();
        users.MapPost("/", async (CreateUser request, IMediator m, CancellationToken ct) =>
        {
            var created = await m.Send(request, ct);
            return TypedResults.Created($"/api/users/{created.Id}", created);
        }).Sends<CreateUser>();
        users.MapPut("/{id:guid}", (Guid id, UserBody body, IMediator m, CancellationToken ct) =>
            m.Send(new UpdateUser(id, body.DisplayName, body.TeamId, body.Roles ?? [], body.Version), ct)).Sends<UpdateUser>();
        users.MapPost("/{id:guid}/active", (Guid id, ActiveBody body, IMediator m, CancellationToken ct) =>
                m.Send(new SetUserActive(id, body.Active, body.Version), ct))
            .WithSummary("Let someone sign in, or stop them").Sends<SetUserActive>();
        users.MapPost("/{id:guid}/password", (Guid id, PasswordBody body, IMediator m, CancellationToken ct) =>
                m.Send(new ResetUserPassword(id, body.NewPassword), ct))
            .WithSummary("Set a new password and clear any lock-out").Sends<ResetUserPassword>();
        users.MapPost("/{id:guid}/approve", (Guid id, ApprovalBody body, IMediator m, CancellationToken ct) =>
                m.Send(new ApproveUser(id, body.TeamId, body.Roles ?? [], body.Version), ct))
            .WithSummary("Approve an account made by a first sign-in through an agency's provider, choosing its team and roles")
            .Sends<ApproveUser>();
        users.MapPost("/{id:guid}/refuse", (Guid id, VersionBody body, IMediator m, CancellationToken ct) =>
                m.Send(new RefuseUser(id, body.Version), ct))
            .WithSummary("Refuse an account waiting for approval: it is kept, stopped, with no roles").Sends<RefuseUser>();
        users.MapPost("/{id:guid}/break-glass", (Guid id, BreakGlassBody body, IMediator m, CancellationToken ct) =>
                m.Send(new SetBreakGlassAdmin(id, body.BreakGlass), ct))
            .WithSummary("Name an administrator as break-glass (may sign in with a password and second factor when their agency's provider is used), or stop")
            .Sends<SetBreakGlassAdmin>();
        users.MapPost("/{id:guid}/end-sessions", (Guid id, IMediator m, CancellationToken ct) => m.Send(new EndUserSessions(id), ct))
            .WithSummary("Sign someone out everywhere at once: every cookie and token they hold stops working").Sends<EndUserSessions>();
    }

    internal sealed record NameBody(string Name, uint Version);

    internal sealed record AgencyBody(string Name, AgencyKind Kind, uint Version);

    internal sealed record ApiKeyBody(string Name);

    internal sealed record TokenClientBody(string Name, string Issuer, string ClientId, string? Audience);

    internal sealed record TeamBody(string Name, Guid AgencyId, Guid LocalityId, uint Version);

    internal sealed record UserBody(string DisplayName, Guid TeamId, IReadOnlyList<string>? Roles, uint Version);

    internal sealed record ActiveBody(bool Active, uint Version);

    internal sealed record PasswordBody(string NewPassword);

    internal sealed record NewProviderBody(
        string Key, string Name, string Authority, string ClientId, string SecretName, IReadOnlyList<string>? EmailDomains, string? GroupsClaim,
        IReadOnlyList<ProviderGroupBody>? Groups, Guid DefaultTeamId, bool CreatesAccounts, ProviderWithoutSecondFactor WithoutSecondFactor);

    internal sealed record ProviderBody(
        string Name, string Authority, string ClientId, string SecretName, IReadOnlyList<string>? EmailDomains, string? GroupsClaim,
        IReadOnlyList<ProviderGroupBody>? Groups, Guid DefaultTeamId, bool CreatesAccounts, ProviderWithoutSecondFactor WithoutSecondFactor, uint Version);

    internal sealed record EnabledBody(bool Enabled, uint Version);

    internal sealed record ApprovalBody(Guid TeamId, IReadOnlyList<string>? Roles, uint Version);

    internal sealed record VersionBody(uint Version);

    internal sealed record BreakGlassBody(bool BreakGlass);
}
