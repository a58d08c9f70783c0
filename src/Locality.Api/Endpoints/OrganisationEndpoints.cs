using Locality.Application.Organisations.Agencies;
using Locality.Application.Organisations.ApiKeys;
using Locality.Application.Organisations.Localities;
using Locality.Application.Organisations.Teams;
using Locality.Application.Organisations.TokenClients;
using Locality.Application.Organisations.Users;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Api.Endpoints;

/// <summary>Localities, agencies, teams, the people who sign in, and partner systems' API keys and token clients.</summary>
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
    }

    internal sealed record NameBody(string Name, uint Version);

    internal sealed record AgencyBody(string Name, AgencyKind Kind, uint Version);

    internal sealed record ApiKeyBody(string Name);

    internal sealed record TokenClientBody(string Name, string Issuer, string ClientId, string? Audience);

    internal sealed record TeamBody(string Name, Guid AgencyId, Guid LocalityId, uint Version);

    internal sealed record UserBody(string DisplayName, Guid TeamId, IReadOnlyList<string>? Roles, uint Version);

    internal sealed record ActiveBody(bool Active, uint Version);

    internal sealed record PasswordBody(string NewPassword);
}
