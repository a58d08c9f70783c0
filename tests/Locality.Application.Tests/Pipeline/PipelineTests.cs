using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Organisations.Localities;
using Locality.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Application.Tests.Pipeline;

public sealed class PipelineTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task Behaviours_RunInTheDeclaredOrder_LoggingThenExceptionsThenAuthorizationThenValidation_WithAuditPersonAccessAndTheUnitOfWorkBetween()
    {
        await using var scope = app.Services.CreateAsyncScope();

        var behaviours = scope.ServiceProvider.GetServices<IPipelineBehavior<CreateLocality, LocalityDto>>()
            .Select(b => b.GetType().Name.Split('`')[0])
            .ToList();

        Assert.Equal(
            ["LoggingBehaviour", "AuditBehaviour", "UnhandledExceptionBehaviour", "AuthorizationBehaviour", "RecentSecondFactorBehaviour", "PersonAccessBehaviour", "UnitOfWorkBehaviour", "ValidationBehaviour"],
            behaviours);
    }

    [Fact]
    public async Task Request_WithoutASignedInSender_IsRefusedAsNotSignedIn()
    {
        await Assert.ThrowsAsync<NotSignedInException>(() => app.SendAsync(new GetLocalities(), TestCurrentUser.Anonymous));
    }

    [Fact]
    public async Task Request_FromTheWrongRole_IsForbiddenBeforeItsFieldsAreValidated()
    {
        var keyWorker = await app.CreateUserAsync(Roles.KeyWorker);

        // The name is invalid too: authorization must answer first, so nothing about the request is checked for someone who may not send it.
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new CreateLocality(""), keyWorker));
    }

    [Fact]
    public async Task Request_FromTheRightRole_WithBadFields_FailsValidationNamingTheField()
    {
        var admin = await app.CreateAdminAsync();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new CreateLocality("   "), admin));

        Assert.Equal(["Enter a name"], failure.Errors["Name"]);
    }

    [Fact]
    public async Task Logging_RecordsTheRequestNameAndElapsedTime_ButNeverWhatTheRequestCarried()
    {
        var admin = await app.CreateAdminAsync();
        var marker = $"Zebedee Quartermaine {Guid.NewGuid():N}";

        await app.SendAsync(new CreateLocality(marker), admin);
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new CreateLocality(marker), admin));

        var lines = app.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("Request CreateLocality by " + admin.UserId!.Value) && l.Contains("completed in") && l.Contains(" ms"));
        Assert.Contains(lines, l => l.Contains("Request CreateLocality") && l.Contains("ended with ValidationFailedException"));
        Assert.DoesNotContain(lines, l => l.Contains("Zebedee", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void EveryRequestInTheApplication_DeclaresWhoMaySendIt()
    {
        var requests = typeof(RequestPermission).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .ToList();

        Assert.NotEmpty(requests);
        Assert.All(requests, r => RequestPermission.For(r));
    }

    [Fact]
    public void ARequestThatDeclaresNothing_IsRefusedByThePermissionCheck()
    {
        var problem = Assert.Throws<InvalidOperationException>(() => RequestPermission.For(typeof(UndeclaredRequest)));

        Assert.Contains("must declare who may send it", problem.Message);
    }

    private sealed record UndeclaredRequest : IRequest<int>;
}
