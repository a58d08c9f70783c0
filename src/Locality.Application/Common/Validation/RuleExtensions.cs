using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Common.Validation;

/// <summary>The field rules most requests share, with messages written for the person filling in the form.</summary>
public static class RuleExtensions
{
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, string label, int maxLength) =>
        rule.Must(value => !string.IsNullOrWhiteSpace(value)).WithMessage($"Enter {label}")
            .SetValidator(new TrimmedLengthValidator<T>(maxLength)).WithMessage($"{Capitalise(label)} must be {maxLength} characters or fewer");

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, string label, int maxLength) =>
        rule.SetValidator(new TrimmedLengthValidator<T>(maxLength)).WithMessage($"{Capitalise(label)} must be {maxLength} characters or fewer");

    public static IRuleBuilderOptions<T, Guid> RequiredId<T>(this IRuleBuilder<T, Guid> rule, string label) =>
        rule.NotEqual(Guid.Empty).WithMessage($"Select {label}");

    public static IRuleBuilderOptions<T, TEnum> KnownValue<T, TEnum>(this IRuleBuilder<T, TEnum> rule, string label)
        where TEnum : struct, Enum =>
        rule.Must(value => Enum.IsDefined(value)).WithMessage($"Select {label}");

    public const string ChooseAnAgency = "Select an agency from the list";
    public const string ChooseATeam = "Select a team from the list";
    public const string ChooseALocality = "Select a locality from the list";

    /// <summary>The agency is one Locality knows.</summary>
    public static IRuleBuilderOptions<T, Guid> ExistingAgency<T>(this IRuleBuilder<T, Guid> rule, IApplicationDbContext db, string message = ChooseAnAgency) =>
        rule.MustAsync((id, ct) => db.Agencies.AnyAsync(a => a.Id == new AgencyId(id), ct)).WithMessage(message);

    /// <summary>The agency, when one is given, is one Locality knows.</summary>
    public static IRuleBuilderOptions<T, Guid?> ExistingAgency<T>(this IRuleBuilder<T, Guid?> rule, IApplicationDbContext db, string message = ChooseAnAgency) =>
        rule.MustAsync(async (id, ct) => id is not { } value || await db.Agencies.AnyAsync(a => a.Id == new AgencyId(value), ct)).WithMessage(message);

    public static IRuleBuilderOptions<T, Guid> ExistingTeam<T>(this IRuleBuilder<T, Guid> rule, IApplicationDbContext db, string message = ChooseATeam) =>
        rule.MustAsync((id, ct) => db.Teams.AnyAsync(t => t.Id == new TeamId(id), ct)).WithMessage(message);

    public static IRuleBuilderOptions<T, Guid> ExistingLocality<T>(this IRuleBuilder<T, Guid> rule, IApplicationDbContext db, string message = ChooseALocality) =>
        rule.MustAsync((id, ct) => db.Localities.AnyAsync(l => l.Id == new LocalityId(id), ct)).WithMessage(message);

    /// <summary>The locality, when one is given, is one Locality knows.</summary>
    public static IRuleBuilderOptions<T, Guid?> ExistingLocality<T>(this IRuleBuilder<T, Guid?> rule, IApplicationDbContext db, string message = ChooseALocality) =>
        rule.MustAsync(async (id, ct) => id is not { } value || await db.Localities.AnyAsync(l => l.Id == new LocalityId(value), ct)).WithMessage(message);

    /// <summary>"a name" becomes "Name", "the person's email address" becomes "The person's email address".</summary>
    private static string Capitalise(string label)
    {
        foreach (var article in new[] { "a ", "an " })
        {
            if (label.StartsWith(article, StringComparison.Ordinal))
            {
                label = label[article.Length..];
                break;
            }
        }

        return label.Length == 0 ? label : char.ToUpperInvariant(label[0]) + label[1..];
    }
}
