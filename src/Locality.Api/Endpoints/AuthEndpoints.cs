using Locality.Application.Common.Validation;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
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
            .WithDescription("Five wrong passwords in a row lock the account for 15 minutes. The same 401 is returned for an unknown email, a wrong password and a locked account.");
    }

    private static async Task<Results<Ok<AccessTokenResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> IssueTokenAsync(
        TokenRequest request, SignInManager<ApplicationUser> signIn)
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

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return TypedResults.Problem(
                title: "The email address or password is not right",
                detail: "After 5 wrong attempts an account is locked for 15 minutes.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        // The sign-in manager has already written the token response.
        return TypedResults.Empty;
    }

    internal sealed record TokenRequest(string Email, string Password);
}
