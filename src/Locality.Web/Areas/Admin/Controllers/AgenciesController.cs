using Locality.Application.Organisations.Agencies;
using Locality.Application.Organisations.ApiKeys;
using Locality.Application.Organisations.IdentityProviders;
using Locality.Application.Organisations.Teams;
using Locality.Application.Organisations.TokenClients;
using Locality.Web.Areas.Admin.Models;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Areas.Admin.Controllers;

[Route("/admin/agencies")]
public sealed class AgenciesController(IMediator mediator) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetAgencies(), cancellationToken));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken cancellationToken)
    {
        var agency = await mediator.Send(new GetAgency(id), cancellationToken);
        var teams = await mediator.Send(new GetTeams(AgencyId: id), cancellationToken);
        var keys = await mediator.Send(new GetApiKeys(id), cancellationToken);
        var providers = await mediator.Send(new GetIdentityProviders(id), cancellationToken);
        var clients = await mediator.Send(new GetTokenClients(id), cancellationToken);
        return View(new AgencyDetails(agency, teams, keys, providers, clients));
    }

    [HttpGet("new")]
    [ConfirmItIsYouFirst(typeof(CreateAgency))]
    public IActionResult New() => View("Edit", new AgencyForm());

    [HttpPost("new")]
    [FormView("Edit")]
    public async Task<IActionResult> New(AgencyForm form, CancellationToken cancellationToken)
    {
        var created = await mediator.Send(new CreateAgency(form.Name ?? string.Empty, form.Kind ?? default), cancellationToken);
        return Saved($"{created.Name} added", Paths.Agency(created.Id));
    }

    [HttpGet("{id:guid}/edit")]
    [ConfirmItIsYouFirst(typeof(UpdateAgency))]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var agency = await mediator.Send(new GetAgency(id), cancellationToken);
        return View(new AgencyForm { Id = agency.Id, Name = agency.Name, Kind = agency.Kind, Version = agency.Version });
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, AgencyForm form, CancellationToken cancellationToken)
    {
        var updated = await mediator.Send(new UpdateAgency(id, form.Name ?? string.Empty, form.Kind ?? default, form.Version), cancellationToken);
        return Saved($"{updated.Name} saved", Paths.Agency(id));
    }

    [HttpGet("{id:guid}/api-keys/new")]
    [ConfirmItIsYouFirst(typeof(CreateApiKey))]
    public async Task<IActionResult> NewApiKey(Guid id, CancellationToken cancellationToken)
    {
        var agency = await mediator.Send(new GetAgency(id), cancellationToken);
        return View(new ApiKeyForm { AgencyId = id, AgencyName = agency.Name });
    }

    /// <summary>The whole key is shown on the page this answers with, and never again.</summary>
    [HttpPost("{id:guid}/api-keys/new")]
    public async Task<IActionResult> NewApiKey(Guid id, ApiKeyForm form, CancellationToken cancellationToken)
    {
        var created = await mediator.Send(new CreateApiKey(id, form.Name ?? string.Empty), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return View("ApiKeyCreated", created);
    }

    [HttpPost("{id:guid}/api-keys/{keyId:guid}/revoke")]
    [AfterConfirmingReturnTo(nameof(Details), "id")]
    public async Task<IActionResult> RevokeApiKey(Guid id, Guid keyId, CancellationToken cancellationToken)
    {
        var revoked = await mediator.Send(new RevokeApiKey(keyId), cancellationToken);
        return Saved($"The key {revoked.Name} no longer works", Paths.Agency(id));
    }

    [HttpGet("{id:guid}/token-clients/new")]
    [ConfirmItIsYouFirst(typeof(CreateTokenClient))]
    public async Task<IActionResult> NewTokenClient(Guid id, CancellationToken cancellationToken)
    {
        var agency = await mediator.Send(new GetAgency(id), cancellationToken);
        return View(new TokenClientForm { AgencyId = id, AgencyName = agency.Name });
    }

    [HttpPost("{id:guid}/token-clients/new")]
    public async Task<IActionResult> NewTokenClient(Guid id, TokenClientForm form, CancellationToken cancellationToken)
    {
        var created = await mediator.Send(
            new CreateTokenClient(id, form.Name ?? string.Empty, form.Issuer ?? string.Empty, form.ClientId ?? string.Empty, form.Audience), cancellationToken);
        return Saved($"{created.Name} can now send its provider's tokens", Paths.Agency(id));
    }

    [HttpPost("{id:guid}/token-clients/{clientId:guid}/remove")]
    [AfterConfirmingReturnTo(nameof(Details), "id")]
    public async Task<IActionResult> RemoveTokenClient(Guid id, Guid clientId, CancellationToken cancellationToken)
    {
        var removed = await mediator.Send(new RemoveTokenClient(clientId), cancellationToken);
        return Saved($"Tokens for {removed.Name} no longer work", Paths.Agency(id));
    }
}

public sealed record AgencyDetails(
    AgencyDto Agency, IReadOnlyList<TeamDto> Teams, IReadOnlyList<ApiKeyDto> ApiKeys, IReadOnlyList<IdentityProviderDto> Providers, IReadOnlyList<TokenClientDto> TokenClients);
