using Locality.Application.Organisations.IdentityProviders;
using Locality.Web.Areas.Admin.Models;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Areas.Admin.Controllers;

/// <summary>Agencies' own sign-in services (OpenID Connect providers): adding, changing, switching off and on.</summary>
public sealed class IdentityProvidersController(IMediator mediator) : AdminController
{
    [HttpGet("/admin/identity-providers")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetIdentityProviders(), cancellationToken));

    [HttpGet("/admin/identity-providers/{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken cancellationToken)
    {
        var page = new IdentityProviderPage { Id = id };
        await page.LoadOptionsAsync(mediator, cancellationToken);
        page.Version = page.Provider!.Version;
        page.Enabled = !page.Provider.IsEnabled;
        return View(page);
    }

    [HttpPost("/admin/identity-providers/{id:guid}/enabled")]
    [AfterConfirmingReturnTo(nameof(Details), "id")]
    [FormView("Details")]
    public async Task<IActionResult> Enabled(Guid id, IdentityProviderPage page, CancellationToken cancellationToken)
    {
        page.Id = id;
        var changed = await mediator.Send(new SetIdentityProviderEnabled(id, page.Enabled, page.Version), cancellationToken);
        return Saved(
            changed.IsEnabled ? $"{changed.Name} is switched on: its staff sign in through it" : $"{changed.Name} is switched off: its staff cannot sign in through it",
            Paths.IdentityProvider(id));
    }

    [HttpGet("/admin/agencies/{agencyId:guid}/identity-providers/new")]
    [ConfirmItIsYouFirst(typeof(CreateIdentityProvider))]
    public async Task<IActionResult> New(Guid agencyId, CancellationToken cancellationToken)
    {
        var form = new IdentityProviderForm
        {
            AgencyId = agencyId,
            GroupsClaim = "groups",
            WithoutSecondFactor = Domain.Organisations.ProviderWithoutSecondFactor.AskLocality,
        };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View("Edit", form);
    }

    [HttpPost("/admin/agencies/{agencyId:guid}/identity-providers/new")]
    [FormView("Edit")]
    public async Task<IActionResult> New(Guid agencyId, IdentityProviderForm form, CancellationToken cancellationToken)
    {
        form.Id = Guid.Empty;
        form.AgencyId = agencyId;
        var groups = FilledGroups(form);
        var created = await mediator.Send(
            new CreateIdentityProvider(
                agencyId, form.Key ?? string.Empty, form.Name ?? string.Empty, form.Authority ?? string.Empty, form.ClientId ?? string.Empty,
                form.SecretName ?? string.Empty, form.EmailDomains, form.GroupsClaim, groups, form.DefaultTeamId ?? Guid.Empty, form.CreatesAccounts,
                form.WithoutSecondFactor ?? default),
            cancellationToken);
        return Saved($"{created.Name} added. Register the addresses below at the provider", Paths.IdentityProvider(created.Id));
    }

    [HttpGet("/admin/identity-providers/{id:guid}/edit")]
    [ConfirmItIsYouFirst(typeof(UpdateIdentityProvider))]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var form = IdentityProviderForm.From(await mediator.Send(new GetIdentityProvider(id), cancellationToken));
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    [HttpPost("/admin/identity-providers/{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, IdentityProviderForm form, CancellationToken cancellationToken)
    {
        form.Id = id;
        var groups = FilledGroups(form);
        var updated = await mediator.Send(
            new UpdateIdentityProvider(
                id, form.Name ?? string.Empty, form.Authority ?? string.Empty, form.ClientId ?? string.Empty, form.SecretName ?? string.Empty,
                form.EmailDomains, form.GroupsClaim, groups, form.DefaultTeamId ?? Guid.Empty, form.CreatesAccounts, form.WithoutSecondFactor ?? default,
                form.Version),
            cancellationToken);
        return Saved($"{updated.Name} saved", Paths.IdentityProvider(id));
    }

    /// <summary>
    /// The rows filled in. The blank rows between them are dropped from the form too, and what was typed in the rows is
    /// forgotten, so that when the form is shown again each row shows its own values and its own errors.
    /// </summary>
    private IReadOnlyList<ProviderGroupBody> FilledGroups(IdentityProviderForm form)
    {
        var groups = form.FilledGroups();
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith($"{nameof(IdentityProviderForm.Groups)}[", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        return groups;
    }
}
