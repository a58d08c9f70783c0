using System.Text.Json;
using Locality.Application.Common.Exceptions;
using Locality.Infrastructure.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Api.Infrastructure;

/// <summary>Writes every failure a caller can cause as ProblemDetails: field errors as ValidationProblemDetails.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (FailureStatus.For(exception) is not { } status)
        {
            return false;
        }

        var problem = exception switch
        {
            ValidationFailedException validation => new ValidationProblemDetails(
                validation.Errors.ToDictionary(e => JsonFieldName(e.Key), e => e.Value)),
            BadHttpRequestException { InnerException: JsonException json } => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [JsonPathField(json.Path)] = [JsonProblem(json)] }),
            BadHttpRequestException bad => new ProblemDetails { Detail = DescribeBadRequest(bad) },
            ConflictException conflict => new ProblemDetails { Detail = conflict.Message, Extensions = { ["kind"] = conflict.Kind.ToString() } },
            BreakGlassRequiredException breakGlass => new ProblemDetails
            {
                Title = "You are not in the team around this person",
                Detail = breakGlass.Message + " POST the reason to /api/people/{id}/emergency-access.",
                Extensions = { ["kind"] = "BreakGlassRequired", ["personId"] = breakGlass.PersonId },
            },
            SecondFactorRequiredException secondFactor => new ProblemDetails
            {
                Title = "Confirm it is you",
                Detail = "This needs a second factor given in the last " + Minutes(secondFactor.MaxAge) +
                         ". Get a new token from /api/auth/token with your second factor, then send the request again.",
                Extensions = { ["kind"] = "SecondFactorRequired", ["maxAge"] = (long)secondFactor.MaxAge.TotalSeconds },
            },
            NotFoundException notFound => new ProblemDetails { Detail = notFound.Message },
            IdempotencyKeyReusedException reused => new ProblemDetails { Detail = reused.Message, Extensions = { ["kind"] = "IdempotencyKeyReused" } },
            _ when status == StatusCodes.Status503ServiceUnavailable => new ProblemDetails
            {
                Detail = "The database is briefly unavailable. Send the same request again after the number of seconds in Retry-After; " +
                         "sent with the same Idempotency-Key, a change that was in fact kept is not made twice.",
            },
            LikelyMatchesException likely => new ProblemDetails
            {
                Title = "This may be someone who already has a record",
                Detail = likely.CanConfirmAsNew
                    ? "Open the existing record, or send the request again with confirmedNew set to true if this is someone new."
                    : "A record with this NHS number already exists. Open it instead.",
                Extensions = { ["kind"] = "LikelyMatches", ["canConfirmAsNew"] = likely.CanConfirmAsNew, ["matches"] = likely.Matches },
            },
            _ => new ProblemDetails(),
        };
        problem.Status = status;
        problem.Title ??= FailureStatus.TitleFor(status);
        if (problem is ValidationProblemDetails)
        {
            problem.Title = "One or more fields are not valid";
        }

        httpContext.Response.StatusCode = status;
        if (exception is SecondFactorRequiredException required)
        {
            // RFC 9470: the token is good but its authentication is too old for this act.
            httpContext.Response.Headers.WWWAuthenticate = AskForRecentAuthentication(required.MaxAge);
        }

        FailureStatus.AskToRetryLater(httpContext.Response, status);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static string AskForRecentAuthentication(TimeSpan maxAge) =>
        "Bearer error=\"insufficient_user_authentication\", " +
        "error_description=\"A more recent second factor is needed for this request\", " +
        "max_age=" + ((long)maxAge.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan span) =>
        (long)span.TotalMinutes == 1 ? "minute" : ((long)span.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture) + " minutes";

    /// <summary>Field names in errors match the JSON the caller sent: <c>DisplayName</c> becomes <c>displayName</c>.</summary>
    internal static string JsonFieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    private static string JsonPathField(string? path) =>
        path is null or "$" ? "body" : path.TrimStart('$', '.');

    private static string JsonProblem(JsonException json) =>
        json.Path is null or "$"
            ? "The request body is not valid JSON for this request"
            : "This value is not valid here: check its type, format and allowed values";

    private static string DescribeBadRequest(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
        _ => "The request could not be read. Check the URL, the query string and that the body is JSON.",
    };
}
