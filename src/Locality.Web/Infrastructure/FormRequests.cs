using FluentValidation;
using FluentValidation.Results;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Validation;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Infrastructure;

internal static class FormRequests
{
    /// <summary>
    /// Sends the request a form became; but if binding already found field errors, sends nothing and checks the request
    /// against the application's rules instead, so those errors and the binding's are shown together in one summary.
    /// </summary>
    public static async Task<TResponse> SendFormAsync<TResponse>(this ControllerBase controller, IMediator mediator, IRequest<TResponse> request, CancellationToken cancellationToken)
    {
        if (controller.ModelState.IsValid)
        {
            return await mediator.Send(request, cancellationToken);
        }

        throw new ValidationFailedException(await ProblemsAsync(controller, request, cancellationToken));
    }

    /// <summary>
    /// The first half of a form with a step to check the answers: the request the form would become is checked against
    /// the application's rules, as sending it would, but nothing is sent. Any problem (or a field binding found wrong)
    /// shows the form again with every error at once. The sender must already have read the person the form is about,
    /// so a validator never touches data for someone who may not see them.
    /// </summary>
    public static async Task CheckFormAsync<TResponse>(this ControllerBase controller, IRequest<TResponse> request, CancellationToken cancellationToken)
    {
        var failures = await ProblemsAsync(controller, request, cancellationToken);
        if (failures.Count > 0 || !controller.ModelState.IsValid)
        {
            throw new ValidationFailedException(failures);
        }
    }

    private static async Task<List<ValidationFailure>> ProblemsAsync(ControllerBase controller, object request, CancellationToken cancellationToken)
    {
        // As in the application's pipeline: text the database cannot keep never reaches a validator that reads it.
        var failures = new List<ValidationFailure>(StorableText.Problems(request));
        if (failures.Count > 0)
        {
            return failures;
        }

        var validators = controller.HttpContext.RequestServices.GetServices(typeof(IValidator<>).MakeGenericType(request.GetType()));
        foreach (var validator in validators.OfType<IValidator>())
        {
            var result = await validator.ValidateAsync(new ValidationContext<object>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        return failures;
    }
}
