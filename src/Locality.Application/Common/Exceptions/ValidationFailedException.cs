using FluentValidation.Results;

namespace Locality.Application.Common.Exceptions;

/// <summary>The request broke one or more field rules. Keys are the request's property names.</summary>
public sealed class ValidationFailedException : ApplicationFailure
{
    public ValidationFailedException(IEnumerable<ValidationFailure> failures)
        : base("One or more fields are not valid.")
    {
        Errors = failures
            .GroupBy(f => f.PropertyName, f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());
    }

    public ValidationFailedException(string field, string message)
        : base("One or more fields are not valid.")
    {
        Errors = new Dictionary<string, string[]> { [field] = [message] };
    }

    public override FailureCategory Category => FailureCategory.InvalidInput;

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
