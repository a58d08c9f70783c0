using Locality.Application.Common.Exceptions;
using Locality.Infrastructure.Web;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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
        if (form is not null && !context.ModelState.IsValid && !context.ActionDescriptor.EndpointMetadata.OfType<ReportsEveryErrorAttribute>().Any())
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
                // A field the form already found wrong (a date that is not real) keeps that one message.
                var alreadyWrong = context.ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToHashSet();
                foreach (var (field, messages) in validation.Errors)
                {
                    var key = form.FieldFor(field);
                    if (alreadyWrong.Contains(key))
                    {
                        continue;
                    }

                    foreach (var message in messages)
                    {
                        context.ModelState.AddModelError(key, message);
                    }
                }

                executed.Result = await RedisplayAsync(context, form, StatusCodes.Status400BadRequest);
                break;
            case ConflictException conflict when form is not null:
                context.ModelState.AddModelError(string.Empty, conflict.Message);
                executed.Result = await RedisplayAsync(context, form, StatusCodes.Status409Conflict);
                break;
            default:
                if (Refusal(exception, context) is not { } refusal)
                {
                    return;
                }

                executed.Result = refusal;
                break;
        }

        executed.ExceptionHandled = true;
    }

    /// <summary>
    /// What to show for a failure that is not about the form's fields: confirming it is them, emergency access, a sign-in,
    /// or a status page.
    /// </summary>
    private static IActionResult? Refusal(Exception exception, ActionContext context) => exception switch
    {
        SecondFactorRequiredException => ConfirmItIsYou.RedirectFor(context),
        BreakGlassRequiredException breakGlass => new ViewResult
        {
            ViewName = Controllers.AccessController.EmergencyAccessView,
            ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = new Models.BreakGlassForm { PersonId = breakGlass.PersonId } },
            StatusCode = StatusCodes.Status403Forbidden,
        },
        NotSignedInException => new ChallengeResult(),
        _ when FailureStatus.For(exception) is { } status => new StatusCodeResult(status),
        _ => null,
    };

    private async Task<IActionResult> RedisplayAsync(ActionExecutingContext context, IFormModel form, int status)
    {
        try
        {
            // The form's lists and the person it is about are read as the sender: someone who may not see the person
            // is refused here as anywhere else, even when their form was also wrong.
            await form.LoadOptionsAsync(mediator, context.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (Refusal(exception, context) is { } refusal)
        {
            return refusal;
        }

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
