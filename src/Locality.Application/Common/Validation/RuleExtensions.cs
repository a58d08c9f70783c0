using FluentValidation;

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
