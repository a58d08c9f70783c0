using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Locality.Web.TagHelpers;

/// <summary><c>&lt;govuk-input for="Name" label="Name" /&gt;</c>: a GOV.UK text input.</summary>
[HtmlTargetElement("govuk-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkInputTagHelper : GovUkField
{
    [HtmlAttributeName("type")]
    public string Type { get; set; } = "text";

    /// <summary>A GOV.UK width class suffix: 2, 3, 4, 5, 10, 20, 30, or full / three-quarters / two-thirds / one-half / one-third.</summary>
    [HtmlAttributeName("width")]
    public string? Width { get; set; }

    [HtmlAttributeName("autocomplete")]
    public string? Autocomplete { get; set; }

    [HtmlAttributeName("spellcheck")]
    public bool? Spellcheck { get; set; }

    [HtmlAttributeName("inputmode")]
    public string? InputMode { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var classes = "govuk-input";
        if (Width is not null)
        {
            classes += char.IsDigit(Width[0]) ? $" govuk-input--width-{Width}" : $" govuk-!-width-{Width}";
        }

        if (HasError)
        {
            classes += " govuk-input--error";
        }

        var value = Type == "password" ? string.Empty : CurrentValue;
        var extras = string.Concat(
            Autocomplete is null ? string.Empty : $" autocomplete=\"{Encode(Autocomplete)}\"",
            Spellcheck is null ? string.Empty : $" spellcheck=\"{(Spellcheck.Value ? "true" : "false")}\"",
            InputMode is null ? string.Empty : $" inputmode=\"{Encode(InputMode)}\"");
        Replace(output,
            $"<div class=\"{FormGroupClass}\">{LabelHtml()}{HintHtml}{ErrorHtml}" +
            $"<input class=\"{classes}\" id=\"{Id}\" name=\"{Encode(Name)}\" type=\"{Encode(Type)}\" value=\"{Encode(value)}\"{extras}{DescribedBy()}></div>");
    }
}
