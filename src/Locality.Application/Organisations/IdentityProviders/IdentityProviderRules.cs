using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.IdentityProviders;

/// <summary>The settings a provider is made of, checked the same way when it is added and when it is changed.</summary>
internal interface IProviderFields
{
    string? Name { get; }
    string? Authority { get; }
    string? ClientId { get; }
    string? SecretName { get; }
    IReadOnlyList<string?>? EmailDomains { get; }
    string? GroupsClaim { get; }
    IReadOnlyList<ProviderGroupBody?>? Groups { get; }
    Guid DefaultTeamId { get; }
    bool CreatesAccounts { get; }
    ProviderWithoutSecondFactor WithoutSecondFactor { get; }
}

internal static partial class IdentityProviderRules
{
    public const string DefaultGroupsClaim = "groups";
    public const string ChooseATeamOfTheAgency = "Select one of this agency's teams";

    /// <param name="agencyOf">The agency the provider belongs to, or none when it does not exist (the handler says so).</param>
    /// <param name="ownId">The provider being changed, whose own domains are not a clash; none when adding one.</param>
    public static void AddProviderRules<T>(
        this AbstractValidator<T> validator, IApplicationDbContext db, IdentityProviderOptions options,
        Func<T, CancellationToken, Task<AgencyId?>> agencyOf, Func<T, Guid>? ownId = null)
        where T : IProviderFields
    {
        validator.RuleFor(x => x.Name).RequiredText("a name", IdentityProvider.NameMaxLength);
        validator.RuleFor(x => x.Authority)
            .RequiredText("the provider's address", IdentityProvider.AuthorityMaxLength)
            .Custom((authority, context) =>
            {
                if (AuthorityProblem(authority!.Trim(), options.AllowHttp) is { } problem)
                {
                    context.AddFailure(problem);
                }
            });
        validator.RuleFor(x => x.ClientId)
            .RequiredText("the client id the provider gave Locality", IdentityProvider.ClientIdMaxLength)
            .Must(id => !id!.Any(char.IsControl)).WithMessage("Type the client id without hidden characters");
        validator.RuleFor(x => x.SecretName)
            .RequiredText("the name of the setting that holds the client secret", IdentityProvider.SecretNameMaxLength)
            .Must(name => SecretNamePattern().IsMatch(name!.Trim()))
            .WithMessage("Use only letters, digits, underscores and hyphens in the setting's name, like wigan-council");
        validator.RuleFor(x => x.GroupsClaim)
            .OptionalText("the claim", IdentityProvider.ClaimMaxLength)
            .Must(claim => string.IsNullOrWhiteSpace(claim) || !claim.Trim().Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            .WithMessage("Write the claim's name without spaces, like groups or roles");
        validator.RuleFor(x => x.DefaultTeamId).RequiredId("the team new accounts join");
        validator.RuleFor(x => x.WithoutSecondFactor).KnownValue("what happens when the provider does not say a second factor was used");
        validator.RuleFor(x => x).CustomAsync(async (request, context, ct) =>
        {
            foreach (var failure in await DomainProblemsAsync(db, request.EmailDomains, ownId?.Invoke(request), ct))
            {
                context.AddFailure(failure);
            }

            var agency = await agencyOf(request, ct);
            foreach (var failure in await TeamProblemsAsync(db, request, agency, ct))
            {
                context.AddFailure(failure);
            }
        });
    }

    /// <summary>A short name fit for an address: lower-case letters and digits, with single hyphens between them.</summary>
    public static bool IsKeyShaped(string key) => KeyPattern().IsMatch(key);

    /// <summary>The domains typed, as they are kept: trimmed, lower case, without a leading @, each once.</summary>
    public static IReadOnlyList<string> Domains(IEnumerable<string?>? typed) =>
        (typed ?? []).Select(d => (d ?? string.Empty).Trim().TrimStart('@').ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList();

    public static string GroupsClaimOf(string? typed) => string.IsNullOrWhiteSpace(typed) ? DefaultGroupsClaim : typed.Trim();

    public static ProviderSettings Settings(IProviderFields request) => new(
        request.Name!, request.Authority!.Trim().TrimEnd('/'), request.ClientId!, request.SecretName!, Domains(request.EmailDomains),
        GroupsClaimOf(request.GroupsClaim), request.CreatesAccounts, request.WithoutSecondFactor, new TeamId(request.DefaultTeamId));

    public static IReadOnlyList<ProviderGroup> Groups(IProviderFields request) =>
        (request.Groups ?? []).Select(g => new ProviderGroup(g!.Group!.Trim(), g.Role!, g.TeamId is { } team ? new TeamId(team) : null)).ToList();

    private static string? AuthorityProblem(string authority, bool allowHttp)
    {
        const string Example = "Enter the provider's full address, like https://login.microsoftonline.com/your-tenant-id/v2.0";
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0
            || authority.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Example;
        }

        if (uri.Scheme == "http" && !allowHttp)
        {
            return "The provider's address must start with https://";
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || authority.Contains('?') || authority.Contains('#'))
        {
            return "Enter the provider's address without a ? or # part";
        }

        return uri.UserInfo.Length > 0 ? Example : null;
    }

    private static async Task<IReadOnlyList<ValidationFailure>> DomainProblemsAsync(
        IApplicationDbContext db, IReadOnlyList<string?>? typed, Guid? ownId, CancellationToken cancellationToken)
    {
        const string Field = nameof(IProviderFields.EmailDomains);
        var domains = Domains(typed);
        if (domains.Count == 0)
        {
            return [new(Field, "Enter at least one email domain, like wigan.gov.uk")];
        }

        if (domains.Count > IdentityProvider.MaxDomains)
        {
            return [new(Field, $"Enter at most {IdentityProvider.MaxDomains} email domains")];
        }

        var wrong = domains.Where(d => d.Length > IdentityProvider.DomainMaxLength || !DomainPattern().IsMatch(d)).ToList();
        if (wrong.Count > 0)
        {
            return wrong.Select(d => new ValidationFailure(Field, $"{Shorten(d)} is not an email domain: write the part after the @, like wigan.gov.uk")).ToList();
        }

        var others = await db.IdentityProviders.AsNoTracking()
            .Where(p => ownId == null || p.Id != new IdentityProviderId(ownId.Value))
            .Select(p => new { p.Name, p.EmailDomains })
            .ToListAsync(cancellationToken);
        return (
                from d in domains
                from other in others
                where other.EmailDomains.Contains(d)
                select new ValidationFailure(Field, $"{d} already signs in through {other.Name}: a domain can sign in through one provider only"))
            .ToList();
    }

    private static async Task<IReadOnlyList<ValidationFailure>> TeamProblemsAsync(
        IApplicationDbContext db, IProviderFields request, AgencyId? agency, CancellationToken cancellationToken)
    {
        var problems = new List<ValidationFailure>();
        var groups = request.Groups ?? [];
        if (groups.Count > IdentityProvider.MaxGroups)
        {
            return [new(nameof(IProviderFields.Groups), $"Map at most {IdentityProvider.MaxGroups} groups")];
        }

        var teamsOfAgency = agency is { } id
            ? (await db.Teams.AsNoTracking().Where(t => t.AgencyId == id).Select(t => t.Id.Value).ToListAsync(cancellationToken)).ToHashSet()
            : null;
        if (teamsOfAgency is not null && request.DefaultTeamId != Guid.Empty && !teamsOfAgency.Contains(request.DefaultTeamId))
        {
            problems.Add(new(nameof(IProviderFields.DefaultTeamId), ChooseATeamOfTheAgency));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
        {
            var prefix = $"{nameof(IProviderFields.Groups)}[{i}]";
            var group = groups[i];
            var value = group?.Group?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                problems.Add(new($"{prefix}.{nameof(ProviderGroupBody.Group)}", "Enter the group as the provider sends it"));
            }
            else if (value.Length > ProviderGroup.GroupMaxLength)
            {
                problems.Add(new($"{prefix}.{nameof(ProviderGroupBody.Group)}", $"The group must be {ProviderGroup.GroupMaxLength} characters or fewer"));
            }
            else if (!seen.Add(value))
            {
                problems.Add(new($"{prefix}.{nameof(ProviderGroupBody.Group)}", $"{Shorten(value)} is mapped more than once: map each group once"));
            }

            if (group?.Role is not { } role || !SecurityRoles.ForPeople.Contains(role))
            {
                problems.Add(new($"{prefix}.{nameof(ProviderGroupBody.Role)}", $"Select a role from the list: {string.Join(", ", SecurityRoles.ForPeople.Select(SecurityRoles.DisplayName))}"));
            }

            if (group?.TeamId is { } team && teamsOfAgency is not null && !teamsOfAgency.Contains(team))
            {
                problems.Add(new($"{prefix}.{nameof(ProviderGroupBody.TeamId)}", ChooseATeamOfTheAgency));
            }
        }

        return problems;
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SecretNamePattern();

    [GeneratedRegex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$")]
    private static partial Regex DomainPattern();
}
