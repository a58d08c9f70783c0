using System.Collections;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Locality.Web.TagHelpers;

/// <summary>
/// <c>&lt;govuk-radios for="Kind" label="Kind" items="..." /&gt;</c> and <c>&lt;govuk-checkboxes … /&gt;</c>: a fieldset of
/// GOV.UK radios or checkboxes. The first choice carries the field's id so the error summary can link to it.
/// </summary>
[HtmlTargetElement("govuk-radios", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("govuk-checkboxes", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkChoicesTagHelper : GovUkField
{
    [HtmlAttributeName("items")]
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    [HtmlAttributeName("inline")]
    public bool Inline { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var isRadios = context.TagName == "govuk-radios";
        var kind = isRadios ? "radios" : "checkboxes";
        var type = isRadios ? "radio" : "checkbox";
        var chosen = ChosenValues();
        var choices = new StringBuilder();
        var index = 0;
        foreach (var item in Items)
        {
            var id = index == 0 ? Id : $"{Id}-{index + 1}";
            var isChecked = chosen.Contains(item.Value) ? " checked" : string.Empty;
            choices.Append(
                $"<div class=\"govuk-{kind}__item\"><input class=\"govuk-{kind}__input\" id=\"{id}\" name=\"{Encode(Name)}\" type=\"{type}\" value=\"{Encode(item.Value)}\"{isChecked}>" +
                $"<label class=\"govuk-label govuk-{kind}__label\" for=\"{id}\">{Encode(item.Text)}</label></div>");
            index++;
        }

        var inline = Inline ? $" govuk-{kind}--inline" : string.Empty;
        Replace(output,
            $"<div class=\"{FormGroupClass}\"><fieldset class=\"govuk-fieldset\"{DescribedBy()}>{LegendHtml()}{HintHtml}{ErrorHtml}" +
            $"<div class=\"govuk-{kind}{inline}\" data-module=\"govuk-{kind}\">{choices}</div></fieldset></div>");
    }

    private HashSet<string> ChosenValues()
    {
        if (ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry) && entry.RawValue is not null)
        {
            return entry.RawValue switch
            {
                string[] many => many.ToHashSet(StringComparer.OrdinalIgnoreCase),
                var one => One(Convert.ToString(one, CultureInfo.InvariantCulture)),
            };
        }

        return For.Model switch
        {
            null => [],
            string one => One(one),
            IEnumerable many => many.Cast<object>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty)
                .ToHashSet(StringComparer.OrdinalIgnoreCase),
            var one => One(Convert.ToString(one, CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>One chosen value, compared without case: a true bool is "True" here and "true" in the form.</summary>
    private static HashSet<string> One(string? value) => new(StringComparer.OrdinalIgnoreCase) { value ?? string.Empty };
}
