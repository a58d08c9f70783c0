using System.ComponentModel.DataAnnotations;
using Locality.Application.Common.Exceptions;
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
    /// <summary>Whose account: from the address only, never from the posted fields.</summary>
    [Microsoft.AspNetCore.Mvc.FromRoute(Name = "id")]
    public Guid Id { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public Guid? TeamId { get; set; }

    public List<string> Roles { get; set; } = [];

    public string? Password { get; set; }

    public uint Version { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>What the smaller forms on the page send: let them sign in (or stop them), make them break-glass (or not).</summary>
    public bool Active { get; set; }

    public bool BreakGlass { get; set; }

    /// <summary>The person as recorded, for the parts of the page that are not the main form.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public Application.Organisations.Users.UserDto? Current { get; set; }

    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    public static IReadOnlyList<SelectListItem> RoleOptions { get; } =
        SecurityRoles.ForPeople.Select(r => new SelectListItem(SecurityRoles.DisplayName(r), r)).ToList();

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        Teams = (await mediator.Send(new GetTeams(), cancellationToken))
            .Select(t => new SelectListItem($"{t.Name}, {t.AgencyName} ({t.LocalityName})", t.Id.ToString())).ToList();
        if (Id != Guid.Empty)
        {
            Current ??= await mediator.Send(new Application.Organisations.Users.GetUser(Id), cancellationToken);

            // A smaller form on the page sends none of the main form's fields (the main form always sends the email).
            if (Email is null)
            {
                DisplayName = Current.DisplayName;
                Email = Current.Email;
                TeamId = Current.TeamId;
                Roles = [.. Current.Roles];
                IsActive = Current.IsActive;
                Version = Current.Version;
            }
        }
    }
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

/// <summary>A partner system that calls with its own provider's access tokens.</summary>
public sealed class TokenClientForm : IFormModel
{
    public Guid AgencyId { get; set; }

    public string? AgencyName { get; set; }

    public string? Name { get; set; }

    public string? Issuer { get; set; }

    public string? ClientId { get; set; }

    public string? Audience { get; set; }
}

public sealed class SharingAgreementForm : IFormModel
{
    public Guid AgencyId { get; set; }

    public List<Domain.Access.RecordSection> Sections { get; set; } = [];

    public bool MayContribute { get; set; }

    [Display(Name = "The start date")]
    public Web.Models.DateParts StartsOn { get; set; } = new();

    [Display(Name = "The end date")]
    public Web.Models.DateParts EndsOn { get; set; } = new();

    public string? Note { get; set; }

    public uint Version { get; set; }

    public Application.Sharing.SharingAgreementDto? Current { get; private set; }

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken) =>
        Current = await mediator.Send(new Application.Sharing.GetSharingAgreement(AgencyId), cancellationToken);
}

public sealed class AuditSearchForm : IFormModel, System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const string PersonIdProblem = "Enter the person's Locality id as shown in the address of their page, like 0193c1a2-…";

    public Guid? UserId { get; set; }

    public string? PersonId { get; set; }

    [Display(Name = "The start date")]
    public Web.Models.DateParts From { get; set; } = new();

    [Display(Name = "The end date")]
    public Web.Models.DateParts To { get; set; } = new();

    public int Page { get; set; } = 1;

    public IReadOnlyList<SelectListItem> Users { get; private set; } = [];

    public Application.Access.AccessLogPage? Results { get; set; }

    /// <summary>The person's id typed, or none if it was left blank or is not an id.</summary>
    public Guid? Person => Guid.TryParse(PersonId?.Trim(), out var id) ? id : null;

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken) =>
        Users = (await mediator.Send(new Application.Organisations.Users.GetUsers(), cancellationToken))
            .Select(u => new SelectListItem(u.DisplayName, u.Id.ToString())).ToList();

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PersonId) && Person is null)
        {
            yield return new(PersonIdProblem, [nameof(PersonId)]);
        }
    }
}

/// <summary>
/// Defining or revising a rating instrument on one page. The domains and their steps are typed as text, one area
/// name per line (optionally with its key in square brackets) followed by its steps, lowest score first, one per line
/// as "score label: description". For example:
/// <code>
/// Money [money]
/// 0 Stuck: not ready to think about money yet
/// 1 Trying: has started to sort things out
/// 2 Managing: pays bills on time
/// </code>
/// </summary>
public sealed class InstrumentForm : IFormModel
{
    public Guid? InstrumentId { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public Domain.Ratings.ScoreDirection? Direction { get; set; }

    public int? RerateEveryWeeks { get; set; }

    public string? DomainsText { get; set; }

    public uint Version { get; set; }

    public Application.Ratings.InstrumentDto? Current { get; private set; }

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        if (InstrumentId is { } id)
        {
            Current = await mediator.Send(new Application.Ratings.GetInstrument(id), cancellationToken);
        }
    }

    public string FieldFor(string requestField) =>
        requestField.StartsWith("Domains", StringComparison.Ordinal) ? nameof(DomainsText) : requestField;

    public void Fill(Application.Ratings.InstrumentDto instrument)
    {
        var current = instrument.Current ?? instrument.Versions[0];
        InstrumentId = instrument.Id;
        Name = current.Name;
        Description = current.Description;
        Direction = current.Direction;
        RerateEveryWeeks = current.RerateEveryWeeks;
        Version = instrument.Version;
        DomainsText = string.Join(
            Environment.NewLine + Environment.NewLine,
            current.Domains.Select(d => $"{d.Name} [{d.Key}]" + string.Concat(d.Steps.Select(s =>
                $"{Environment.NewLine}{s.Score} {s.Label}{(string.IsNullOrWhiteSpace(s.Description) ? string.Empty : $": {s.Description}")}"))));
    }

    /// <summary>The domains typed, or the first line that cannot be read, with its number.</summary>
    public IReadOnlyList<Application.Ratings.InstrumentDomainBody> ReadDomains()
    {
        var domains = new List<(string Key, string Name, List<Application.Ratings.InstrumentStepBody> Steps)>();
        var lines = (DomainsText ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (char.IsAsciiDigit(line[0]) || line[0] == '-')
            {
                if (domains.Count == 0)
                {
                    throw new ValidationFailedException(nameof(DomainsText), $"Line {i + 1}: write the name of an area before its steps");
                }

                if (space < 0 || !int.TryParse(line[..space], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var score))
                {
                    throw new ValidationFailedException(nameof(DomainsText), $"Line {i + 1}: start a step with its score, then its label, like \"2 Managing: pays bills on time\"");
                }

                var rest = line[(space + 1)..];
                var colon = rest.IndexOf(':', StringComparison.Ordinal);
                domains[^1].Steps.Add(colon < 0
                    ? new Application.Ratings.InstrumentStepBody(rest.Trim(), null, score)
                    : new Application.Ratings.InstrumentStepBody(rest[..colon].Trim(), rest[(colon + 1)..].Trim(), score));
                continue;
            }

            var open = line.LastIndexOf('[');
            var (name, key) = open > 0 && line.EndsWith(']')
                ? (line[..open].Trim(), line[(open + 1)..^1].Trim())
                : (line, KeyFrom(line));
            domains.Add((key, name, []));
        }

        return domains.Select(d => new Application.Ratings.InstrumentDomainBody(d.Key, d.Name, d.Steps)).ToList();
    }

    private static string KeyFrom(string name) =>
        string.Join('-', new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>Entering or correcting a price index for a financial year.</summary>
public sealed class PriceIndexForm : IFormModel
{
    public string? Year { get; set; }

    public decimal? Value { get; set; }

    public string? Source { get; set; }

    public uint Version { get; set; }
}

/// <summary>Choosing the price base every money figure is shown in.</summary>
public sealed class PriceBaseForm : IFormModel
{
    public string? Year { get; set; }
}

/// <summary>Choosing the unit cost a kind of demand is valued at.</summary>
public sealed class ValuationForm : IFormModel
{
    public string TypeCode { get; set; } = string.Empty;

    public string? TypeName { get; set; }

    public string? UnitCostCode { get; set; }
}

/// <summary>Adding or correcting a unit cost.</summary>
public sealed class UnitCostForm : IFormModel
{
    public string? Code { get; set; }

    public string? Description { get; set; }

    public string? Unit { get; set; }

    public decimal? Cost { get; set; }

    public string? Agency { get; set; }

    public string? PriceYear { get; set; }

    public uint Version { get; set; }
}
