using Locality.Application.Common.Validation;
using Locality.Application.Organisations.Users;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Locality.Api.Endpoints;

internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("IssueToken")
            .WithTags("Sign in")
            .WithSummary("Exchange an email address and password for a bearer token")
            .WithDescription(
                "Five wrong passwords in a row from one client address lock that address out of the account for 15 minutes, " +
                "and after the second a growing wait is needed before the next is checked (tries sooner are refused). " +
                "The same 401 is returned for an unknown email, a wrong password, a locked account and a try too soon.");

        app.MapPost("/api/auth/sign-out", async (IMediator m, CancellationToken ct) =>
            {
                await m.Send(new EndMySessions(), ct);
                return TypedResults.NoContent();
            })
            .Sends<EndMySessions>()
            .WithName("SignOut")
            .WithTags("Sign in")
            .WithSummary("Sign out: end every session you hold")
            .WithDescription("Every bearer token issued to you (and every web sign-in) stops working at once, on every instance.");
    }

    private static async Task<Results<Ok<AccessTokenResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> IssueTokenAsync(
        TokenRequest request, PasswordSignIn signIn, HttpContext context, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            missing["email"] = ["Enter your email address"];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            missing["password"] = ["Enter your password"];
        }

        // The sign-in does not go through the application's pipeline, so it refuses text no field can keep itself:
        // an email address with a NUL in it reached the identity store's query and failed there.
        foreach (var (field, value) in new[] { ("email", request.Email), ("password", request.Password) })
        {
            if (!missing.ContainsKey(field) && !StorableText.CanKeep(value))
            {
                missing[field] = [StorableText.Message];
            }
        }

        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(missing, title: "Enter your email address and password");
        }

        if (!await signIn.TrySignInAsync(request.Email.Trim(), request.Password, context.Connection.RemoteIpAddress, IdentityConstants.BearerScheme, cancellationToken))
        {
            return TypedResults.Problem(
                title: "The email address or password is not right",
                detail: "After 5 wrong attempts in a row, signing in to the account from here is stopped for 15 minutes.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        // The sign-in has already written the token response.
        return TypedResults.Empty;
    }

    internal sealed record TokenRequest(string Email, string Password);
}
