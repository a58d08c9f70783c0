using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Locality.Web.Infrastructure;

/// <summary>
/// ASP.NET Core refuses to read a posted form holding a NUL character (<c>%00</c>), so every reader of the form (the
/// anti-forgery check, model binding, the error page) would fail with a server error. This reads such a form itself,
/// so the request goes on and <see cref="UnstorableTextFilter"/> reports the field like any other wrong answer.
/// </summary>
internal sealed class FormWithHiddenCharacters(RequestDelegate next)
{
    /// <summary>The most read here, well inside the form reader's own limits (which it applies to every other form).</summary>
    private const int MostCharacters = 1024 * 1024;
    private const int MostFields = 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.HasFormContentType && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            request.EnableBuffering();
            try
            {
                await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                var form = await ReadItselfAsync(context);
                if (form is null)
                {
                    // Too big (or too many fields) to read: refused as too large, never a server error.
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }

                context.Features.Set<IFormFeature>(new FormFeature(form));
            }
        }

        await next(context);
    }

    /// <summary>The form, read without refusing hidden characters; none if it is too big (the form reader's refusal then stands).</summary>
    private static async Task<FormCollection?> ReadItselfAsync(HttpContext context)
    {
        var body = context.Request.Body;
        body.Position = 0;
        using var reader = new StreamReader(body, leaveOpen: true);
        var buffer = new char[MostCharacters + 1];
        var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
        body.Position = 0;
        if (read > MostCharacters)
        {
            return null;
        }

        var fields = QueryHelpers.ParseQuery(new string(buffer, 0, read));
        return fields.Count > MostFields ? null : new FormCollection(fields);
    }
}
