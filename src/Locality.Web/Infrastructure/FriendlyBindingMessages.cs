using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Locality.Web.Infrastructure;

/// <summary>When a form value cannot even be read (letters in a number, a made-up option), say so plainly.</summary>
internal static class FriendlyBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((_, _) => "Enter a valid value");
        messages.SetValueIsInvalidAccessor(_ => "Enter a valid value");
        messages.SetValueMustBeANumberAccessor(_ => "Enter a number");
        messages.SetMissingBindRequiredValueAccessor(_ => "Enter a value");
        messages.SetValueMustNotBeNullAccessor(_ => "Enter a value");
        messages.SetMissingKeyOrValueAccessor(() => "Enter a value");
        messages.SetUnknownValueIsInvalidAccessor(_ => "Enter a valid value");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "Enter a valid value");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Enter a valid value");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Enter a number");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "The form was empty");
    }
}
