using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Locality.Web.TagHelpers;

/// <summary>
/// What every GOV.UK form field shares: a form group that turns red with an error message when its field has an
/// error, a label or legend, an optional hint, and the field's current value (what was typed, when the form is
/// shown again; otherwise the model's value).
/// </summary>
public abstract class GovUkField : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    [HtmlAttributeName("hint")]
    public string? Hint { get; set; }

    /// <summary>Shows the label as the page heading (for a question page with one field).</summary>
    [HtmlAttributeName("is-page-heading")]
    public bool IsPageHeading { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    protected string Name => For.Name;

    protected string Id => FieldId(For.Name);

    protected string HintId => $"{Id}-hint";

    protected string ErrorId => $"{Id}-error";

    protected string LabelText => Label ?? For.Metadata.DisplayName ?? For.Name;

    protected IReadOnlyList<string> Errors =>
        ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry)
            ? entry.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList()
            : [];

    protected bool HasError => Errors.Count > 0;

    /// <summary>The value as text: what the person typed if the form is being shown again, otherwise the model's.</summary>
    protected string? CurrentValue =>
        ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry) && entry.AttemptedValue is not null
            ? entry.AttemptedValue
            : For.Model switch
            {
                null => null,
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString(),
            };

    /// <summary>
    /// Field ids follow the field names, so the error summary can link straight to the field. Anything but letters,
    /// digits, hyphens and underscores becomes an underscore: a name typed into a request can never shape the page.
    /// </summary>
    public static string FieldId(string name) =>
        string.Concat(name.Replace("]", string.Empty).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    protected string DescribedBy(params string?[] extra)
    {
        var ids = new List<string>();
        if (Hint is not null)
        {
            ids.Add(HintId);
        }

        if (HasError)
        {
            ids.Add(ErrorId);
        }

        ids.AddRange(extra.Where(e => e is not null)!);
        return ids.Count == 0 ? string.Empty : $" aria-describedby=\"{string.Join(' ', ids)}\"";
    }

    protected string FormGroupClass => HasError ? "govuk-form-group govuk-form-group--error" : "govuk-form-group";

    protected string HintHtml => Hint is null ? string.Empty : $"<div id=\"{HintId}\" class=\"govuk-hint\">{Encode(Hint)}</div>";

    protected string ErrorHtml => HasError
        ? $"<p id=\"{ErrorId}\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {Encode(string.Join(". ", Errors))}</p>"
        : string.Empty;

    protected string LabelHtml(string labelClass = "govuk-label")
    {
        var label = $"<label class=\"{labelClass}{(IsPageHeading ? " govuk-label--l" : string.Empty)}\" for=\"{Id}\">{Encode(LabelText)}</label>";
        return IsPageHeading ? $"<h1 class=\"govuk-label-wrapper\">{label}</h1>" : label;
    }

    protected string LegendHtml() => IsPageHeading
        ? $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\"><h1 class=\"govuk-fieldset__heading\">{Encode(LabelText)}</h1></legend>"
        : $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">{Encode(LabelText)}</legend>";

    protected static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    protected static void Replace(TagHelperOutput output, string html)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(html);
    }
}
