using System.Text;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Locality.Web.TagHelpers;

/// <summary>
/// <c>&lt;govuk-select for="TeamId" label="Team" items="Model.Teams" /&gt;</c>: a GOV.UK select, with a "choose" first
/// option. Items that name a <see cref="SelectListItem.Group"/> are shown under that group's label (an optgroup for each run
/// of items in one group, so list them group by group).
/// </summary>
[HtmlTargetElement("govuk-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkSelectTagHelper : GovUkField
{
    [HtmlAttributeName("items")]
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    [HtmlAttributeName("placeholder")]
    public string Placeholder { get; set; } = "Choose one";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var current = CurrentValue;
        var options = new StringBuilder($"<option value=\"\">{Encode(Placeholder)}</option>");
        SelectListGroup? group = null;
        foreach (var item in Items)
        {
            if (item.Group != group)
            {
                options.Append(group is null ? string.Empty : "</optgroup>");
                group = item.Group;
                options.Append(group is null ? string.Empty : $"<optgroup label=\"{Encode(group.Name)}\">");
            }

            var selected = string.Equals(item.Value, current, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty;
            options.Append($"<option value=\"{Encode(item.Value)}\"{selected}>{Encode(item.Text)}</option>");
        }

        options.Append(group is null ? string.Empty : "</optgroup>");

        var classes = HasError ? "govuk-select govuk-select--error" : "govuk-select";
        Replace(output,
            $"<div class=\"{FormGroupClass}\">{LabelHtml()}{HintHtml}{ErrorHtml}" +
            $"<select class=\"{classes}\" id=\"{Id}\" name=\"{Encode(Name)}\"{DescribedBy()}>{options}</select></div>");
    }
}
