using Locality.Application.Organisations.Agencies;
using Locality.Application.Organisations.IdentityProviders;
using Locality.Application.Organisations.Teams;
using Locality.Application.Organisations.Users;
using Locality.Domain.Organisations;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc.Rendering;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Web.Areas.Admin.Models;

/// <summary>
/// Adding or changing an agency's identity provider. Email domains are typed one per line; group mappings are rows,
/// with blank rows to fill in (blank rows are left out of what is sent, so each row's error lands on its own row).
/// </summary>
public sealed class IdentityProviderForm : IFormModel
{
    public const int BlankGroupRows = 5;

    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    public string? Key { get; set; }

    public string? Name { get; set; }

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? SecretName { get; set; }

    public string? EmailDomainsText { get; set; }

    public string? GroupsClaim { get; set; }

    public List<ProviderGroupRow> Groups { get; set; } = [];

    public Guid? DefaultTeamId { get; set; }

    public bool CreatesAccounts { get; set; }

    public ProviderWithoutSecondFactor? WithoutSecondFactor { get; set; }

    public uint Version { get; set; }

    public string? AgencyName { get; private set; }

    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    public static IReadOnlyList<SelectListItem> RoleOptions { get; } =
        SecurityRoles.ForPeople.Select(r => new SelectListItem(SecurityRoles.DisplayName(r), r)).ToList();

    public static IReadOnlyList<SelectListItem> CreatesAccountsOptions { get; } =
    [
        new("Yes: their first sign-in makes an account, which cannot be used until an administrator approves it", "true"),
        new("No: only people already added to Locality can sign in", "false"),
    ];

    public static IReadOnlyList<SelectListItem> WithoutSecondFactorOptions { get; } =
    [
        new("Ask for Locality's own second factor (an authenticator app or a passkey)", nameof(ProviderWithoutSecondFactor.AskLocality)),
        new("Refuse the sign-in: the provider must ask for a second factor", nameof(ProviderWithoutSecondFactor.Refuse)),
    ];

    public bool IsNew => Id == Guid.Empty;

    public static IdentityProviderForm From(IdentityProviderDto provider) => new()
    {
        Id = provider.Id,
        AgencyId = provider.AgencyId,
        Key = provider.Key,
        Name = provider.Name,
        Authority = provider.Authority,
        ClientId = provider.ClientId,
        SecretName = provider.SecretName,
        EmailDomainsText = string.Join(Environment.NewLine, provider.EmailDomains),
        GroupsClaim = provider.GroupsClaim,
        Groups = provider.Groups.Select(g => new ProviderGroupRow { Group = g.Group, Role = g.Role, TeamId = g.TeamId }).ToList(),
        DefaultTeamId = provider.DefaultTeamId,
        CreatesAccounts = provider.CreatesAccounts,
        WithoutSecondFactor = provider.WithoutSecondFactor,
        Version = provider.Version,
    };

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        if (!IsNew)
        {
            // The agency and the short name are the provider's own, whatever a post says.
            var provider = await mediator.Send(new GetIdentityProvider(Id), cancellationToken);
            AgencyId = provider.AgencyId;
            Key = provider.Key;
        }

        AgencyName = (await mediator.Send(new GetAgency(AgencyId), cancellationToken)).Name;
        Teams = (await mediator.Send(new GetTeams(AgencyId: AgencyId), cancellationToken))
            .Select(t => new SelectListItem($"{t.Name} ({t.LocalityName})", t.Id.ToString())).ToList();
        for (var i = Groups.Count(g => g.IsBlank); i < BlankGroupRows; i++)
        {
            Groups.Add(new ProviderGroupRow());
        }
    }

    public string FieldFor(string requestField) => requestField == nameof(IdentityProviderForm.EmailDomains) ? nameof(EmailDomainsText) : requestField;

    /// <summary>The email domains typed, one per line.</summary>
    public IReadOnlyList<string> EmailDomains =>
        (EmailDomainsText ?? string.Empty).Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The rows filled in, in order; blank rows are dropped from the form itself, so a row's error has its row's number.</summary>
    public IReadOnlyList<ProviderGroupBody> FilledGroups()
    {
        Groups = Groups.Where(g => !g.IsBlank).ToList();
        return Groups.Select(g => new ProviderGroupBody(g.Group ?? string.Empty, g.Role ?? string.Empty, g.TeamId)).ToList();
    }
}

public sealed class ProviderGroupRow
{
    public string? Group { get; set; }

    public string? Role { get; set; }

    public Guid? TeamId { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Group) && string.IsNullOrWhiteSpace(Role) && TeamId is null;
}

/// <summary>A provider's page, whose one form switches it off or on.</summary>
public sealed class IdentityProviderPage : IFormModel
{
    public Guid Id { get; set; }

    public bool Enabled { get; set; }

    public uint Version { get; set; }

    public IdentityProviderDto? Provider { get; private set; }

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken) =>
        Provider = await mediator.Send(new GetIdentityProvider(Id), cancellationToken);
}

/// <summary>Approving (or refusing) an account made by a first sign-in through an agency's provider.</summary>
public sealed class ApprovalForm : IFormModel
{
    public Guid Id { get; set; }

    public Guid? TeamId { get; set; }

    public List<string> Roles { get; set; } = [];

    public uint Version { get; set; }

    public UserDto? Current { get; private set; }

    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        Current = await mediator.Send(new GetUser(Id), cancellationToken);
        Teams = (await mediator.Send(new GetTeams(), cancellationToken))
            .Select(t => new SelectListItem($"{t.Name}, {t.AgencyName} ({t.LocalityName})", t.Id.ToString())).ToList();
    }
}

/// <summary>The addresses a council registers at its provider, in full: this site's public address when one is configured, else this request's.</summary>
public static class ProviderAddressBook
{
    public static string Full(Microsoft.AspNetCore.Http.HttpRequest request, IdentityProviderOptions options, string path) =>
        (string.IsNullOrWhiteSpace(options.PublicAddress)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : options.PublicAddress.Trim().TrimEnd('/')) + path;
}
