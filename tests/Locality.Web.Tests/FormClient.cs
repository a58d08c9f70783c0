using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Locality.Web.Tests;

/// <summary>A page as a test sees it: the HTTP response and its parsed document.</summary>
public sealed record Page(HttpResponseMessage Response, IHtmlDocument Document)
{
    public HttpStatusCode Status => Response.StatusCode;

    public IReadOnlyList<string> ErrorSummary =>
        Document.QuerySelectorAll(".govuk-error-summary__list li").Select(li => li.TextContent.Trim()).ToList();

    public IReadOnlyList<string> ErrorSummaryLinks =>
        Document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href") ?? string.Empty).ToList();

    public string? FieldError(string id) =>
        Document.QuerySelector($"#{id}-error")?.TextContent.Replace("Error:", string.Empty).Trim();

    public string Title => Document.Title ?? string.Empty;

    public string Heading => Document.QuerySelector("h1")?.TextContent.Trim() ?? string.Empty;

    /// <summary>The main heading of a page answered to a request the test sent itself.</summary>
    public static async Task<string> HeadingOfAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent.Trim() ?? string.Empty;
}

/// <summary>
/// Posts forms the way a browser does: it fetches the page first, takes the anti-forgery token from the form
/// (and the cookie that goes with it), fills in the fields and sends them.
/// </summary>
public sealed class FormClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => http;

    public async Task<Page> GetAsync(string url)
    {
        var response = await http.GetAsync(url);
        return new Page(response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Loads <paramref name="pageUrl"/>, fills the form (the first, or the one matching <paramref name="formSelector"/>) and submits it.</summary>
    public async Task<Page> SubmitAsync(string pageUrl, Dictionary<string, string> fields, string? formSelector = null, params (string Name, string Value)[] repeated) =>
        await SubmitAsync(await GetAsync(pageUrl), pageUrl, fields, formSelector, repeated);

    /// <summary>Fills and submits a form on a page already fetched (for a page that is the answer to a post).</summary>
    public async Task<Page> SubmitAsync(Page page, string pageUrl, Dictionary<string, string> fields, string? formSelector = null, params (string Name, string Value)[] repeated)
    {
        var form = (formSelector is null
                       ? page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
                       : page.Document.QuerySelector(formSelector) as IHtmlFormElement)
                   ?? throw new InvalidOperationException($"No form on {pageUrl} (status {(int)page.Status}).");
        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && i.Name is not null)
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Where(pair => !fields.ContainsKey(pair.Key))
            .ToList();
        values.AddRange(fields);
        values.AddRange(repeated.Select(r => new KeyValuePair<string, string>(r.Name, r.Value)));
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        return await PostAsync(action, values);
    }

    /// <summary>
    /// Presses a button on a page already fetched (by its visible words, such as "Change who leads the conversation"), as
    /// a browser does: its form's hidden fields are sent, to the button's own address if it names one.
    /// </summary>
    public async Task<Page> PressAsync(Page page, string buttonText, Dictionary<string, string>? fields = null)
    {
        var button = page.Document.QuerySelectorAll("main form button").OfType<IHtmlButtonElement>()
                         .FirstOrDefault(b => b.TextContent.Trim() == buttonText)
                     ?? throw new InvalidOperationException($"No button \"{buttonText}\" on the page (status {(int)page.Status}).");
        var form = button.Form ?? throw new InvalidOperationException($"The button \"{buttonText}\" is in no form.");
        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && i.Name is not null && (fields is null || !fields.ContainsKey(i.Name)))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(fields ?? [])
            .ToList();
        var action = button.GetAttribute("formaction") ?? form.GetAttribute("action")
                     ?? throw new InvalidOperationException($"The form of \"{buttonText}\" names no address.");
        return await PostAsync(action.Split('#')[0], values);
    }

    /// <summary>Loads the page and submits its first post form as multipart, with a file (and the form's hidden fields, so its token).</summary>
    public async Task<Page> UploadAsync(string pageUrl, Dictionary<string, string> fields, string fileField, string fileName, byte[] file)
    {
        var page = await GetAsync(pageUrl);
        var form = page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && i.Name is not null && !fields.ContainsKey(i.Name)))
        {
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new ByteArrayContent(file), fileField, fileName);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        var response = await http.PostAsync(action, content);
        return new Page(response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Posts exactly these fields, with no token unless the caller adds one: for forged requests.</summary>
    public async Task<Page> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> values)
    {
        var response = await http.PostAsync(url, new FormUrlEncodedContent(values));
        return new Page(response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    public void Dispose() => http.Dispose();
}
