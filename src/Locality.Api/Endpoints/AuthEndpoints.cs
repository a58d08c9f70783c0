using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Application.Organisations.Users;
using Locality.Domain.Access;
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
            .WithMetadata(new RateLimitedAttribute(RateLimits.SignIn))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("IssueToken")
            .WithTags("Sign in")
            .WithSummary("Exchange an email address, password and second factor for a bearer token")
            .WithDescription(
                "Every account with a Locality password has a second factor: send the 6-digit code its authenticator app shows now " +
                "(`code`), or one of its recovery codes (`recoveryCode`, each works once). An account that has not set one up yet " +
                "does so by signing in to the web first. A code is accepted once. " +
                "Five wrong passwords in a row from one client address lock that address out of the account for 15 minutes, " +
                "and after the second a growing wait is needed before the next is checked (tries sooner are refused); five wrong codes " +
                "in a row lock the account for 15 minutes. The same 401 is returned for an unknown email, a wrong password, a wrong " +
                "or reused code, a locked account and a try too soon. Staff of an agency with its own identity provider sign in there " +
                "(on the web); only named break-glass administrators may use a password for such an address.");

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
        TokenRequest request, PasswordSignIn signIn, UserManager<ApplicationUser> users, SecondFactors secondFactors, SignInSessions sessions, HomeRealm realms, HttpContext context,
        CancellationToken cancellationToken)
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
        if (string.IsNullOrWhiteSpace(request.Code) && string.IsNullOrWhiteSpace(request.RecoveryCode))
        {
            missing["code"] = ["Enter the code from your authenticator app, or a recovery code"];
        }

        foreach (var (field, value) in new[] { ("email", request.Email), ("password", request.Password), ("code", request.Code), ("recoveryCode", request.RecoveryCode) })
        {
            if (!missing.ContainsKey(field) && !StorableText.CanKeep(value))
            {
                missing[field] = [StorableText.Message];
            }
        }

        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(missing, title: "Enter your email address, password and a code");
        }

        var email = request.Email.Trim();
        var user = await signIn.CheckAsync(email, request.Password, context.Connection.RemoteIpAddress, cancellationToken);
        var provider = await realms.FindAsync(email, cancellationToken);
        if (user is null || (provider is not null && !(user.IsBreakGlassAdmin && await users.IsInRoleAsync(user, Roles.Admin))))
        {
            return NotRight();
        }

        if (!await secondFactors.HasSecondFactorAsync(user))
        {
            return TypedResults.Problem(
                title: "Set up a second factor first",
                detail: "This account has no authenticator app yet. Sign in to Locality on the web once to set one up, then ask for a token again.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        var usesRecoveryCode = string.IsNullOrWhiteSpace(request.Code);
        var check = usesRecoveryCode
            ? await secondFactors.UseRecoveryCodeAsync(user, request.RecoveryCode)
            : await secondFactors.CheckAuthenticatorAsync(user, request.Code);
        if (check != SecondFactorCheck.Accepted)
        {
            return NotRight();
        }

        await sessions.SignInAsync(
            user, usesRecoveryCode ? SignInMethod.PasswordAndRecoveryCode : SignInMethod.PasswordAndAuthenticator, IdentityConstants.BearerScheme);

        // The sign-in has already written the token response.
        return TypedResults.Empty;
    }

    private static ProblemHttpResult NotRight() =>
        TypedResults.Problem(
            title: "The email address, password or code is not right",
            detail: "After 5 wrong passwords in a row, signing in to the account from here is stopped for 15 minutes; after 5 wrong codes, the account is locked for 15 minutes. A code works once.",
            statusCode: StatusCodes.Status401Unauthorized);

    /// <summary>An email address and password, and either the authenticator app's code or a recovery code.</summary>
    internal sealed record TokenRequest(string Email, string Password, string? Code = null, string? RecoveryCode = null);
}
