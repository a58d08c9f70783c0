using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Locality.Web.TagHelpers;

/// <summary>
/// <c>&lt;govuk-date-input for="DateOfBirth" label="Date of birth" /&gt;</c>: the GOV.UK date input, bound to a
/// <see cref="Models.DateParts"/>. The day field carries the field's id; when only some boxes are wrong, only they are
/// highlighted and the error summary links to the first of them.
/// </summary>
[HtmlTargetElement("govuk-date-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkDateInputTagHelper : GovUkField
{
    [HtmlAttributeName("legend-size")]
    public string LegendSize { get; set; } = "s";

    /// <summary>The id of one of the three boxes: the day carries the field's own id.</summary>
    public static string PartId(string fieldId, string part) => part == Models.DateParts.DayPart ? fieldId : $"{fieldId}-{part.ToLowerInvariant()}";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var parts = For.Model as Models.DateParts ?? new Models.DateParts();
        var modelState = ViewContext.ViewData.ModelState;
        var partNames = new[] { Models.DateParts.DayPart, Models.DateParts.MonthPart, Models.DateParts.YearPart };
        var wrongParts = partNames.Where(p => modelState.TryGetValue($"{Name}.{p}", out var e) && e.Errors.Count > 0).ToList();
        string Part(string part, string label, string? value, int width, string? autocomplete)
        {
            var id = PartId(Id, part);
            var name = $"{Name}.{part}";
            var attempted = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : value;
            var error = HasError && (wrongParts.Count == 0 || wrongParts.Contains(part)) ? " govuk-input--error" : string.Empty;
            var complete = autocomplete is null ? string.Empty : $" autocomplete=\"{autocomplete}\"";
            return "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">" +
                   $"<label class=\"govuk-label govuk-date-input__label\" for=\"{id}\">{label}</label>" +
                   $"<input class=\"govuk-input govuk-date-input__input govuk-input--width-{width}{error}\" id=\"{id}\" name=\"{Encode(name)}\" type=\"text\" inputmode=\"numeric\" value=\"{Encode(attempted)}\"{complete}>" +
                   "</div></div>";
        }

        var birthday = Name.Contains("Birth", StringComparison.Ordinal);
        var legend = IsPageHeading
            ? $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\"><h1 class=\"govuk-fieldset__heading\">{Encode(LabelText)}</h1></legend>"
            : $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--{LegendSize}\">{Encode(LabelText)}</legend>";
        Replace(output,
            $"<div class=\"{FormGroupClass}\"><fieldset class=\"govuk-fieldset\" role=\"group\"{DescribedBy()}>{legend}{HintHtml}{ErrorHtml}" +
            $"<div class=\"govuk-date-input\" id=\"{Id}-group\">" +
            Part("Day", "Day", parts.Day, 2, birthday ? "bday-day" : null) +
            Part("Month", "Month", parts.Month, 2, birthday ? "bday-month" : null) +
            Part("Year", "Year", parts.Year, 4, birthday ? "bday-year" : null) +
            "</div></fieldset></div>");
    }
}
