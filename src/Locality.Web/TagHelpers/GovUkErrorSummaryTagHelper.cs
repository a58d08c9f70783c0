using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Locality.Web.TagHelpers;

/// <summary>
/// <c>&lt;govuk-error-summary /&gt;</c>: the GOV.UK error summary at the top of a form, linking to each field in error.
/// Renders nothing when the form has no errors.
/// </summary>
[HtmlTargetElement("govuk-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkErrorSummaryTagHelper : TagHelper
{
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>The order fields appear in on the page, so the summary lists errors in the same order.</summary>
    [HtmlAttributeName("order")]
    public string? FieldOrder { get; set; }

    /// <summary>The field to go to: its first wrong part for a date (the year, if only the year is wrong), else the field.</summary>
    private static string Target(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string key)
    {
        foreach (var part in new[] { Models.DateParts.DayPart, Models.DateParts.MonthPart, Models.DateParts.YearPart })
        {
            if (modelState.TryGetValue($"{key}.{part}", out var entry) && entry.Errors.Count > 0)
            {
                return GovUkDateInputTagHelper.PartId(GovUkField.FieldId(key), part);
            }
        }

        return GovUkField.FieldId(key);
    }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        var modelState = ViewContext.ViewData.ModelState;
        if (modelState.IsValid)
        {
            output.SuppressOutput();
            return;
        }

        var order = (FieldOrder ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var items = new StringBuilder();
        foreach (var (key, entry) in modelState.OrderBy(e => order.IndexOf(e.Key) is var i and >= 0 ? i : int.MaxValue))
        {
            foreach (var error in entry!.Errors.Where(e => e.ErrorMessage.Length > 0))
            {
                var message = HtmlEncoder.Default.Encode(error.ErrorMessage);
                items.Append(key.Length == 0
                    ? $"<li>{message}</li>"
                    : $"<li><a href=\"#{HtmlEncoder.Default.Encode(Target(modelState, key))}\">{message}</a></li>");
            }
        }

        output.Content.SetHtmlContent(
            "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">" +
            "<h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\">" +
            $"<ul class=\"govuk-list govuk-error-summary__list\">{items}</ul></div></div></div>");
    }
}
