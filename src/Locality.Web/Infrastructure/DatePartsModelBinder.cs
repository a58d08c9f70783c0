using Locality.Web.Models;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Locality.Web.Infrastructure;

/// <summary>
/// Binds a <see cref="DateParts"/> from its three boxes and checks it there and then: a date that is not real is a
/// field error in ModelState (so it is reported together with the form's other errors), named for the question it
/// answers (the property's display name), and each wrong box gets an error of its own so only it is highlighted and
/// the error summary links to it.
/// </summary>
internal sealed class DatePartsModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var prefix = bindingContext.ModelName;
        string Key(string part) => prefix.Length == 0 ? part : $"{prefix}.{part}";
        string? Value(string part)
        {
            var result = bindingContext.ValueProvider.GetValue(Key(part));
            if (result == ValueProviderResult.None)
            {
                return null;
            }

            bindingContext.ModelState.SetModelValue(Key(part), result);
            return result.FirstValue;
        }

        var parts = new DateParts
        {
            Day = Value(DateParts.DayPart),
            Month = Value(DateParts.MonthPart),
            Year = Value(DateParts.YearPart),
            Question = bindingContext.ModelMetadata.DisplayName ?? "The date",
        };
        var (_, problem, wrongParts) = parts.Check();
        if (problem is not null)
        {
            bindingContext.ModelState.TryAddModelError(prefix, problem);
            foreach (var part in wrongParts)
            {
                bindingContext.ModelState.TryAddModelError(Key(part), string.Empty);
            }
        }

        bindingContext.Result = ModelBindingResult.Success(parts);
        return Task.CompletedTask;
    }
}

internal sealed class DatePartsModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(DateParts) ? new DatePartsModelBinder() : null;
}
