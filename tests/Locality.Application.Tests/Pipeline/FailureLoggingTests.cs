using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Application.Tests.People;
using Locality.Testing;

namespace Locality.Application.Tests.Pipeline;

/// <summary>A refusal the caller caused is an answer, not a fault: it must not reach the error log with a stack trace.</summary>
public sealed class FailureLoggingTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task ALikelyMatchAndAnEmergencyAccessRefusal_AreNotLoggedAsErrors()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var stranger = await app.CreateUserAsync(Roles.KeyWorker);
        var family = "Ashworth" + Guid.NewGuid().ToString("N")[..4];
        var existing = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request("Maureen", family, null, new DateOnly(1961, 2, 3)));

        await Assert.ThrowsAsync<LikelyMatchesException>(() => PeopleMaker.AddAsync(app, worker,
            PeopleMaker.Request("Maureen", family, null, new DateOnly(1961, 2, 3), confirmedNew: false)));
        await Assert.ThrowsAsync<BreakGlassRequiredException>(() => app.SendAsync(new GetPersonPage(existing.Id), stranger));

        var lines = app.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("ended with LikelyMatchesException"));
        Assert.Contains(lines, l => l.Contains("ended with BreakGlassRequiredException"));
        Assert.DoesNotContain(lines, l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryExceptionTheApplicationDeclares_IsAnApplicationFailure_WithItsOwnAnswer()
    {
        var declared = typeof(ApplicationFailure).Assembly.GetTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();

        Assert.NotEmpty(declared);
        Assert.All(declared, t => Assert.True(t.IsSubclassOf(typeof(ApplicationFailure)), $"{t.Name} does not derive from ApplicationFailure"));
    }
}
