using System.Collections;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Locality.Web.TagHelpers;

/// <summary>
/// <c>&lt;govuk-radios for="Kind" label="Kind" items="..." /&gt;</c> and <c>&lt;govuk-checkboxes … /&gt;</c>: a fieldset of
/// GOV.UK radios or checkboxes. The first choice carries the field's id so the error summary can link to it.
/// <para>
/// With <c>conditional-on="value"</c> and content (<c>&lt;govuk-radios …&gt;&lt;govuk-select … /&gt;&lt;/govuk-radios&gt;</c>),
/// the content is the question that only that choice needs: GOV.UK Frontend's script shows it only while that choice
/// is chosen, and without the script it is always shown, beneath its choice.
/// </para>
/// </summary>
[HtmlTargetElement("govuk-radios")]
[HtmlTargetElement("govuk-checkboxes")]
public sealed class GovUkChoicesTagHelper : GovUkField
{
    /// <summary>The value of the choice whose content is revealed when it is chosen.</summary>
    [HtmlAttributeName("conditional-on")]
    public string? ConditionalOn { get; set; }

    [HtmlAttributeName("items")]
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    [HtmlAttributeName("inline")]
    public bool Inline { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var conditional = ConditionalOn is null ? null : (await output.GetChildContentAsync()).GetContent();
        var isRadios = context.TagName == "govuk-radios";
        var kind = isRadios ? "radios" : "checkboxes";
        var type = isRadios ? "radio" : "checkbox";
        var chosen = ChosenValues();
        var choices = new StringBuilder();
        var index = 0;
        foreach (var item in Items)
        {
            var id = index == 0 ? Id : $"{Id}-{index + 1}";
            var isChosen = chosen.Contains(item.Value);
            var isChecked = isChosen ? " checked" : string.Empty;
            var reveals = conditional is not null && string.Equals(item.Value, ConditionalOn, StringComparison.OrdinalIgnoreCase);
            var controls = reveals ? $" data-aria-controls=\"conditional-{id}\"" : string.Empty;
            choices.Append(
                $"<div class=\"govuk-{kind}__item\"><input class=\"govuk-{kind}__input\" id=\"{id}\" name=\"{Encode(Name)}\" type=\"{type}\" value=\"{Encode(item.Value)}\"{isChecked}{controls}>" +
                $"<label class=\"govuk-label govuk-{kind}__label\" for=\"{id}\">{Encode(item.Text)}</label></div>");
            if (reveals)
            {
                var hidden = isChosen ? string.Empty : $" govuk-{kind}__conditional--hidden";
                choices.Append($"<div class=\"govuk-{kind}__conditional{hidden}\" id=\"conditional-{id}\">{conditional}</div>");
            }

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
