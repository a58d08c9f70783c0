using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Validation;
using MediatR;

namespace Locality.Application.Common.Behaviours;

internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // Text no field can keep is refused before any rule runs, so no validator sends it to the database.
        if (StorableText.Problems(request) is { Count: > 0 } unstorable)
        {
            throw new ValidationFailedException(unstorable);
        }

        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationFailedException(failures);
        }

        return await next();
    }
}
