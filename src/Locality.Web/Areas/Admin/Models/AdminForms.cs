using Locality.Application.Organisations.Agencies;
using Locality.Application.Organisations.Localities;
using Locality.Application.Organisations.Teams;
using Locality.Domain.Organisations;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc.Rendering;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Web.Areas.Admin.Models;

public sealed class LocalityForm : IFormModel
{
    public Guid Id { get; set; }

    public string? Name { get; set; }

    public uint Version { get; set; }
}

public sealed class AgencyForm : IFormModel
{
    public Guid Id { get; set; }

    public string? Name { get; set; }

    public AgencyKind? Kind { get; set; }

    public uint Version { get; set; }

    public static IReadOnlyList<SelectListItem> KindOptions { get; } =
        Enum.GetValues<AgencyKind>().Select(k => new SelectListItem(AgencyKinds.DisplayName(k), k.ToString())).ToList();
}

public sealed class TeamForm : IFormModel
{
    public Guid Id { get; set; }

    public string? Name { get; set; }

    public Guid? AgencyId { get; set; }

    public Guid? LocalityId { get; set; }

    public uint Version { get; set; }

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Localities { get; private set; } = [];

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        Agencies = (await mediator.Send(new GetAgencies(), cancellationToken))
            .Select(a => new SelectListItem($"{a.Name} ({a.KindName})", a.Id.ToString())).ToList();
        Localities = (await mediator.Send(new GetLocalities(), cancellationToken))
            .Select(l => new SelectListItem(l.Name, l.Id.ToString())).ToList();
    }
}

public sealed class UserForm : IFormModel
{
    public Guid Id { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public Guid? TeamId { get; set; }

    public List<string> Roles { get; set; } = [];

    public string? Password { get; set; }

    public uint Version { get; set; }

    public bool IsActive { get; set; } = true;

    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    public static IReadOnlyList<SelectListItem> RoleOptions { get; } =
        SecurityRoles.ForPeople.Select(r => new SelectListItem(SecurityRoles.DisplayName(r), r)).ToList();

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken) =>
        Teams = (await mediator.Send(new GetTeams(), cancellationToken))
            .Select(t => new SelectListItem($"{t.Name}, {t.AgencyName} ({t.LocalityName})", t.Id.ToString())).ToList();
}

public sealed class PasswordForm : IFormModel
{
    public Guid Id { get; set; }

    public string? NewPassword { get; set; }
}

public sealed class ApiKeyForm : IFormModel
{
    public Guid AgencyId { get; set; }

    public string? AgencyName { get; set; }

    public string? Name { get; set; }
}

public sealed class SharingAgreementForm : IFormModel
{
    public Guid AgencyId { get; set; }

    public List<Domain.Access.RecordSection> Sections { get; set; } = [];

    public bool MayContribute { get; set; }

    public Web.Models.DateParts StartsOn { get; set; } = new();

    public Web.Models.DateParts EndsOn { get; set; } = new();

    public string? Note { get; set; }

    public uint Version { get; set; }

    public Application.Sharing.SharingAgreementDto? Current { get; private set; }

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken) =>
        Current = await mediator.Send(new Application.Sharing.GetSharingAgreement(AgencyId), cancellationToken);
}

public sealed class AuditSearchForm : IFormModel
{
    public Guid? UserId { get; set; }

    public string? PersonId { get; set; }

    public Web.Models.DateParts From { get; set; } = new();

    public Web.Models.DateParts To { get; set; } = new();

    public int Page { get; set; } = 1;

    public IReadOnlyList<SelectListItem> Users { get; private set; } = [];

    public Application.Access.AccessLogPage? Results { get; set; }

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken) =>
        Users = (await mediator.Send(new Application.Organisations.Users.GetUsers(), cancellationToken))
            .Select(u => new SelectListItem(u.DisplayName, u.Id.ToString())).ToList();
}
