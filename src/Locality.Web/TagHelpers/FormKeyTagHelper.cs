using Locality.Application.Common.Idempotency;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Locality.Web.TagHelpers;

/// <summary>
/// Every form that sends something carries a key of its own, made when the page is drawn. Sending the same form twice
/// (a double click, a resend after the connection dropped, another browser tab on a second instance) records it once.
/// </summary>
[HtmlTargetElement("form", Attributes = "[method=post]")]
public sealed class FormKeyTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output) =>
        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{IdempotencyKeys.FormField}\" value=\"{Guid.CreateVersion7()}\">");
}
