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

        // As in the application's pipeline: text the database cannot keep never reaches a validator that reads it.
        var failures = new List<ValidationFailure>(StorableText.Problems(request));
        if (failures.Count > 0)
        {
            throw new ValidationFailedException(failures);
        }

        var validators = controller.HttpContext.RequestServices.GetServices(typeof(IValidator<>).MakeGenericType(request.GetType()));
        foreach (var validator in validators.OfType<IValidator>())
        {
            var result = await validator.ValidateAsync(new ValidationContext<object>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        throw new ValidationFailedException(failures);
    }
}
