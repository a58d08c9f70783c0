using FluentValidation;
using FluentValidation.Validators;

namespace Locality.Application.Common.Validation;

/// <summary>
/// Text no longer than a limit once its surrounding spaces are trimmed (as the handlers keep it). It says its limit
/// as a length rule does, so the API's OpenAPI document can state every field's limit from the validators.
/// </summary>
internal sealed class TrimmedLengthValidator<T>(int max) : PropertyValidator<T, string?>, ILengthValidator
{
    public override string Name => "TrimmedLengthValidator";

    public int Min => 0;

    public int Max => max;

    public override bool IsValid(ValidationContext<T> context, string? value) => value is null || value.Trim().Length <= max;
}
