using Locality.Application.Common.Exceptions;
using Locality.Infrastructure.Web;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Locality.Web.Infrastructure;

/// <summary>
/// The web host's half of the one failure mapping. A form whose fields the application rejects (or that clashes
/// with a newer change) is shown again with the GOV.UK error summary and a message on each field; anything else
/// becomes the matching status page (404, 403) or a sign-in. A worker outside the team around a person is offered
/// emergency access instead of the record.
/// </summary>
internal sealed class FormFailureFilter(IMediator mediator) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var form = context.ActionArguments.Values.OfType<IFormModel>().FirstOrDefault();
        if (form is not null && !context.ModelState.IsValid)
        {
            context.Result = await RedisplayAsync(context, form, StatusCodes.Status400BadRequest);
            return;
        }

        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled)
        {
            return;
        }

        switch (exception)
        {
            case ValidationFailedException validation when form is not null:
                foreach (var (field, messages) in validation.Errors)
                {
                    foreach (var message in messages)
                    {
                        context.ModelState.AddModelError(form.FieldFor(field), message);
                    }
                }

                executed.Result = await RedisplayAsync(context, form, StatusCodes.Status400BadRequest);
                break;
            case ConflictException conflict when form is not null:
                context.ModelState.AddModelError(string.Empty, conflict.Message);
                executed.Result = await RedisplayAsync(context, form, StatusCodes.Status409Conflict);
                break;
            case BreakGlassRequiredException breakGlass:
                executed.Result = new ViewResult
                {
                    ViewName = Controllers.AccessController.EmergencyAccessView,
                    ViewData = new ViewDataDictionary(((Controller)context.Controller).ViewData) { Model = new Models.BreakGlassForm { PersonId = breakGlass.PersonId } },
                    StatusCode = StatusCodes.Status403Forbidden,
                };
                break;
            case NotSignedInException:
                executed.Result = new ChallengeResult();
                break;
            default:
                if (FailureStatus.For(exception) is not { } status)
                {
                    return;
                }

                executed.Result = new StatusCodeResult(status);
                break;
        }

        executed.ExceptionHandled = true;
    }

    private async Task<IActionResult> RedisplayAsync(ActionExecutingContext context, IFormModel form, int status)
    {
        await form.LoadOptionsAsync(mediator, context.HttpContext.RequestAborted);
        var controller = (Controller)context.Controller;
        return new ViewResult
        {
            ViewName = context.ActionDescriptor.EndpointMetadata.OfType<FormViewAttribute>().FirstOrDefault()?.ViewName,
            ViewData = new ViewDataDictionary(controller.ViewData) { Model = form },
            TempData = controller.TempData,
            StatusCode = status,
        };
    }
}
