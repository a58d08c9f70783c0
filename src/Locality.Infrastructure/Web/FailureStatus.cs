using Locality.Application.Common.Exceptions;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;

namespace Locality.Infrastructure.Web;

/// <summary>The one mapping from the application's failures to HTTP status codes, used by both hosts.</summary>
public static class FailureStatus
{
    public static int? For(Exception exception) => exception switch
    {
        ValidationFailedException => StatusCodes.Status400BadRequest,
        NotSignedInException => StatusCodes.Status401Unauthorized,
        ForbiddenException => StatusCodes.Status403Forbidden,
        BreakGlassRequiredException => StatusCodes.Status403Forbidden,
        NotFoundException => StatusCodes.Status404NotFound,
        ConflictException => StatusCodes.Status409Conflict,
        LikelyMatchesException => StatusCodes.Status409Conflict,
        IdempotencyKeyReusedException => StatusCodes.Status422UnprocessableEntity,
        BadHttpRequestException bad => bad.StatusCode,
        _ when TransientDatabaseFailure.Is(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };

    /// <summary>Sets <c>Retry-After</c> on an answer that asks the caller to come back (503).</summary>
    public static void AskToRetryLater(HttpResponse response, int status)
    {
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = TransientDatabaseFailure.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
