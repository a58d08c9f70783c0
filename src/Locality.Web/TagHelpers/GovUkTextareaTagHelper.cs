using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Locality.Web.TagHelpers;

/// <summary><c>&lt;govuk-textarea for="Notes" label="Notes" rows="5" /&gt;</c>: a GOV.UK textarea.</summary>
[HtmlTargetElement("govuk-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkTextareaTagHelper : GovUkField
{
    [HtmlAttributeName("rows")]
    public int Rows { get; set; } = 5;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var classes = HasError ? "govuk-textarea govuk-textarea--error" : "govuk-textarea";
        Replace(output,
            $"<div class=\"{FormGroupClass}\">{LabelHtml()}{HintHtml}{ErrorHtml}" +
            $"<textarea class=\"{classes}\" id=\"{Id}\" name=\"{Encode(Name)}\" rows=\"{Rows}\"{DescribedBy()}>{Encode(CurrentValue)}</textarea></div>");
    }
}
