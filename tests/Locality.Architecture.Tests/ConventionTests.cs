using FluentValidation;
using Locality.Application.Common.Security;
using MediatR;
using NetArchTest.Rules;

namespace Locality.Architecture.Tests;

public sealed class ConventionTests
{
    [Fact]
    public void Handlers_AreInternal_SoTheyAreReachedOnlyThroughTheMediator()
    {
        var result = Types.InAssembly(Layers.Application)
            .That().ImplementInterface(typeof(IRequestHandler<,>))
            .Should().NotBePublic()
            .GetResult();

        Assert.True(result.IsSuccessful, $"Public handlers: {DependencyRuleTests.Names(result)}");
        Assert.NotEmpty(Types.InAssembly(Layers.Application).That().ImplementInterface(typeof(IRequestHandler<,>)).GetTypes());
    }

    [Fact]
    public void Validators_AreInternal()
    {
        var result = Types.InAssembly(Layers.Application)
            .That().Inherit(typeof(AbstractValidator<>))
            .Should().NotBePublic()
            .GetResult();

        Assert.True(result.IsSuccessful, $"Public validators: {DependencyRuleTests.Names(result)}");
    }

    [Fact]
    public void EveryRequest_DeclaresWhoMaySendIt()
    {
        var requests = Layers.Application.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false }
                        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .ToList();

        var undeclared = requests
            .Where(r => r.GetCustomAttributes(typeof(AllowedForAttribute), false).Length
                        + r.GetCustomAttributes(typeof(AllowedForAnySignedInAttribute), false).Length != 1)
            .Select(r => r.FullName)
            .ToList();

        Assert.NotEmpty(requests);
        Assert.True(undeclared.Count == 0, $"Requests that do not declare who may send them: {string.Join(", ", undeclared)}");
    }

    /// <summary>
    /// Every change an administrator can make asks for a recent second factor of an administrator who sends it
    /// (a request only administrators may send asks everyone). The only exceptions are named here, with the reason.
    /// </summary>
    [Fact]
    public void EveryChangeAnAdministratorCanMake_AsksForARecentSecondFactor()
    {
        var exceptions = new Dictionary<Type, string>
        {
            [typeof(Application.Organisations.Users.EndMySessions)] = "ends the sender's own sessions: signing out everywhere must always work",
        };
        var changes = Layers.Application.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false }
                        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))
                        && !Application.Common.Idempotency.RequestKinds.IsQuery(t)
                        && RequestPermission.For(t).Roles?.Contains(Roles.Admin) == true)
            .ToList();

        var unasked = changes
            .Where(t => !exceptions.ContainsKey(t)
                        && (RecentSecondFactor.DeclaredBy(t) is not { } asks || (asks.Roles.Count > 0 && !asks.Roles.Contains(Roles.Admin))))
            .Select(t => t.FullName)
            .ToList();

        Assert.Contains(typeof(Application.Organisations.ApiKeys.CreateApiKey), changes);
        Assert.True(unasked.Count == 0, $"Administrators' changes that do not ask for a recent second factor: {string.Join(", ", unasked)}");
    }

    /// <summary>
    /// A request carrying a person's id (as <c>PersonId</c>, <c>…PersonId</c>, or the two records of a merge) must say
    /// so, so the pipeline checks the sender may see that person before the handler runs. The only exceptions are
    /// named here, with the reason.
    /// </summary>
    [Fact]
    public void EveryRequestCarryingAPersonsId_IsCheckedForWhoMaySeeThem()
    {
        var exceptions = new Dictionary<Type, string>
        {
            // Emergency access exists for people the sender may not see yet; its handler decides and audits.
            [typeof(Locality.Application.Access.BreakGlass)] = "opens access itself",

            // An administrator filtering the audit by person reads the audit, not the person's record.
            [typeof(Locality.Application.Access.GetAuditRecords)] = "reads the audit only",
        };
        var personIdNames = new[] { "PersonId", "PersonIds", "SurvivorId", "MergedId" };

        var notChecked = Layers.Application.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false }
                        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .Where(t => t.GetProperties().Any(p => personIdNames.Contains(p.Name) || p.Name.EndsWith("PersonId", StringComparison.Ordinal)))
            .Where(t => !typeof(Locality.Application.Access.IPersonRequest).IsAssignableFrom(t) && !exceptions.ContainsKey(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(notChecked.Count == 0, $"Requests carrying a person's id that do not say so (IReadsPerson, IChangesPerson or IPersonRequest): {string.Join(", ", notChecked)}");
    }

    [Fact]
    public void EveryRequest_HasAHandler()
    {
        var handled = Layers.Application.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();
        var requests = Layers.Application.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)));

        Assert.All(requests, r => Assert.True(handled.Contains(r), $"{r.Name} has no handler"));
    }

    [Fact]
    public void NothingNearSecurity_IsCompiledOnlyInDebug()
    {
        var root = FindRepositoryRoot();
        var offending = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("#if DEBUG", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offending);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Locality.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Could not find Locality.sln above the test output.");
    }
}
