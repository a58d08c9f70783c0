using Locality.Application.Common.Exceptions;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;

namespace Locality.Infrastructure.Web;

/// <summary>The one mapping from the application's failures to HTTP status codes, used by both hosts.</summary>
public static class FailureStatus
{
    public static int? For(Exception exception) => exception switch
    {
        ApplicationFailure failure => failure.Category switch
        {
            FailureCategory.InvalidInput => StatusCodes.Status400BadRequest,
            FailureCategory.NotSignedIn => StatusCodes.Status401Unauthorized,
            FailureCategory.Forbidden => StatusCodes.Status403Forbidden,
            FailureCategory.NotFound => StatusCodes.Status404NotFound,
            FailureCategory.Conflict => StatusCodes.Status409Conflict,
            FailureCategory.KeyReused => StatusCodes.Status422UnprocessableEntity,
            _ => null,
        },
        BadHttpRequestException bad => bad.StatusCode,
        _ when TransientDatabaseFailures.Is(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };

    /// <summary>Sets <c>Retry-After</c> on an answer that asks the caller to come back (503).</summary>
    public static void AskToRetryLater(HttpResponse response, int status)
    {
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = TransientDatabaseFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public static string TitleFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid",
        StatusCodes.Status401Unauthorized => "Sign in to do this",
        StatusCodes.Status403Forbidden => "You do not have permission to do this",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "This clashes with what is already recorded",
        StatusCodes.Status413PayloadTooLarge => "The request is too large",
        StatusCodes.Status422UnprocessableEntity => "This key was used for a different request",
        StatusCodes.Status503ServiceUnavailable => "The service is briefly unavailable",
        _ => "Something went wrong",
    };
}
