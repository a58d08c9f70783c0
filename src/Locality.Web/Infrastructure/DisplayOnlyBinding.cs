using System.Collections;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Infrastructure;

/// <summary>
/// A form model also carries what its page shows: what the application answered (its DTOs, such as search results or
/// the person at the top of the page) and the options of its lists. Those are never typed by anyone, so they are
/// never bound from a request nor validated: a crafted query string (<c>?Results.Page=1</c>) cannot fill them in,
/// nor put field errors with keys of its choosing onto the page.
/// </summary>
internal sealed class DisplayOnlyBinding : IBindingMetadataProvider, IValidationMetadataProvider
{
    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        if (context.Key.MetadataKind == Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.ModelMetadataKind.Property && IsDisplayOnly(context.Key.ModelType))
        {
            context.BindingMetadata.IsBindingAllowed = false;
        }
    }

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (context.Key.MetadataKind == Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.ModelMetadataKind.Property && IsDisplayOnly(context.Key.ModelType))
        {
            context.ValidationMetadata.ValidateChildren = false;
            context.ValidationMetadata.PropertyValidationFilter = new NeverValidate();
        }
    }

    /// <summary>The application's answers and a page's lists of options, alone or in a collection.</summary>
    public static bool IsDisplayOnly(Type type)
    {
        var element = type != typeof(string) && type.IsAssignableTo(typeof(IEnumerable))
            ? type.IsArray ? type.GetElementType()! : type.GetGenericArguments().LastOrDefault() ?? typeof(object)
            : Nullable.GetUnderlyingType(type) ?? type;
        return element == typeof(SelectListItem)
               || (!element.IsEnum && element.Namespace?.StartsWith("Locality.Application", StringComparison.Ordinal) == true);
    }

    private sealed class NeverValidate : Microsoft.AspNetCore.Mvc.ModelBinding.Validation.IPropertyValidationFilter
    {
        public bool ShouldValidateEntry(Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidationEntry entry, Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidationEntry parentEntry) => false;
    }
}
