using Locality.Application.Common.Validation;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Locality.Web.Infrastructure;

/// <summary>
/// Text the database cannot store (a NUL character, half of a surrogate pair) typed into a form or a query string is a
/// field error before anything runs: a form is shown again with the error summary, and a sign-in (which reads the
/// database outside the application's pipeline, and checks its own fields) is refused like any other wrong answer.
/// Any other page given such text (a search box outside a form model, a page cursor) is a bad request, never a
/// server error.
/// </summary>
internal sealed class UnstorableTextFilter : IActionFilter
{
    public const string Problem = "Remove the hidden character from this answer: it cannot be saved";

    public void OnActionExecuting(ActionExecutingContext context)
    {
        var request = context.HttpContext.Request;
        var values = request.Query.Select(q => (q.Key, q.Value));
        if (request.HasFormContentType)
        {
            values = values.Concat(request.Form.Select(f => (f.Key, f.Value)));
        }

        var found = false;
        foreach (var (key, value) in values)
        {
            if (value.Any(v => v is not null && !IsStorable(v)) || !IsStorable(key))
            {
                found = true;
                context.ModelState.AddModelError(IsStorable(key) ? key : string.Empty, Problem);
            }
        }

        var showsItsOwnErrors = context.ActionArguments.Values.OfType<IFormModel>().Any()
                                || context.Controller is Controllers.AccountController or Controllers.DemandEvidenceController
                                || context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
                                || context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        if (found && !showsItsOwnErrors)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.StatusCodeResult(StatusCodes.Status400BadRequest);
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    public static bool IsStorable(string text) => StorableText.CanKeep(text);
}
